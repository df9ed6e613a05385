import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fieldMeta } from '../../../test/field-meta.ts';
import { AuthProvider } from '../../app/auth.tsx';
import type { ObjectMeta } from '../metadata.ts';
import ListPage from '../pages/list.page.tsx';
import { prefetchList } from './prefetch.ts';

const rights = { read: 'all', create: 'all', update: 'all', delete: 'all', import: 'none', export: 'none' };
const object = (name: string, fields: ObjectMeta['fields']) =>
  ({ name, label: { 'zh-CN': name }, title: 'name', titleField: 'name', rights, fields }) as unknown as ObjectMeta;
const objects = [
  object('customer', [fieldMeta('name', 'text'), fieldMeta('industry', 'text'), fieldMeta('level', 'text')]),
  object('objectLayout', [fieldMeta('object', 'text')]),
];

/** The server as the list sees it: the metadata, an administrator's list layout (or none), one customer. */
function fakeServer(layout: string[] | null) {
  const calls: { url: string; body: Record<string, unknown> }[] = [];
  const json = (data: unknown) =>
    new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const body = init?.body ? JSON.parse(String(init.body)) : {};
    calls.push({ url, body });
    if (url === '/api/metadata/objects') return json({ data: objects });
    if (url === '/api/objects/objectLayout/query') return json({ data: layout ? [{ id: 1, fields: layout }] : [] });
    if (url === '/api/objects/customer/query')
      return json(
        body.countUpTo
          ? { data: [], total: 1, totalCapped: false }
          : { data: [{ id: 1, version: 1, name: '甲公司', level: 'A' }], nextCursor: null },
      );
    return json({ data: [] });
  });
  return calls;
}

describe('speed: a list asks for its first page while its code loads', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  const open = async (layout: string[] | null) => {
    const calls = fakeServer(layout);
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    qc.setQueryData(['me'], { user: { id: 1, name: '管理员', username: 'admin' }, isAdmin: true, grants: {} });
    await prefetchList(qc, 'customer', new URLSearchParams());
    const asked = () => calls.filter((c) => c.url === '/api/objects/customer/query').map((c) => c.body.fields);
    const ahead = asked();
    render(
      <QueryClientProvider client={qc}>
        <AuthProvider>
          <App>
            <MemoryRouter initialEntries={['/o/customer']}>
              <Routes>
                <Route path="/o/:object" element={<ListPage />} />
              </Routes>
            </MemoryRouter>
          </App>
        </AuthProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('甲公司')).toBeTruthy();
    return { ahead, after: asked() };
  };

  test('no layout: the page takes the first page and the count asked for ahead, no query of its own', async () => {
    const { ahead, after } = await open(null);
    expect(ahead).toHaveLength(2);
    expect(ahead).toContainEqual(['name', 'industry', 'level']);
    expect(ahead).toContainEqual(['id']);
    expect(after).toEqual(ahead);
  });

  test('with a list layout: its columns are asked for as soon as the layout is in, and the page takes that page', async () => {
    const { ahead, after } = await open(['level', 'name']);
    expect(ahead).toContainEqual(['name', 'level']);
    expect(after).toEqual(ahead);
  });
});
