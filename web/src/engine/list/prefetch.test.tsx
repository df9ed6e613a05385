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

/** The server as the list sees it: the metadata, an administrator's list layout, one customer. */
function fakeServer() {
  const calls: { url: string; body: Record<string, unknown> }[] = [];
  const json = (data: unknown) =>
    new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const body = init?.body ? JSON.parse(String(init.body)) : {};
    calls.push({ url, body });
    if (url === '/api/metadata/objects') return json({ data: objects });
    if (url === '/api/objects/objectLayout/query') return json({ data: [{ id: 1, fields: ['level', 'name'] }] });
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

  test('the page takes the page and the count asked for ahead (same view, the layout’s columns): no second query', async () => {
    const calls = fakeServer();
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    qc.setQueryData(['me'], { user: { id: 1, name: '管理员', username: 'admin' }, isAdmin: true, grants: {} });
    await prefetchList(qc, 'customer', new URLSearchParams());
    const asked = calls.filter((c) => c.url === '/api/objects/customer/query');
    expect(asked.map((c) => c.body.fields)).toEqual([['name', 'level'], ['id']]);
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
    expect(calls.filter((c) => c.url === '/api/objects/customer/query')).toHaveLength(2);
  });
});
