import type { Filter } from '@kehu/common';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { beforeEach, describe, expect, test } from 'vitest';
import type { ObjectMeta } from '../metadata.ts';
import { filterFromUrl, listUrl, useListView } from './view-state.ts';

const meta = {
  name: 'customer',
  label: { 'zh-CN': '客户' },
  titleField: 'name',
  fields: [
    { name: 'name', type: 'text', label: { 'zh-CN': '客户名称' } },
    { name: 'industry', type: 'picklist', label: { 'zh-CN': '行业' } },
  ],
} as unknown as ObjectMeta;

function Probe() {
  const [view] = useListView(meta);
  const location = useLocation();
  return (
    <>
      <output data-testid="filter">{JSON.stringify(view.filter ?? null)}</output>
      <output data-testid="group">{view.groupBy ?? ''}</output>
      <output data-testid="search">{location.search}</output>
    </>
  );
}

const show = (url: string) =>
  render(
    <MemoryRouter initialEntries={[url]}>
      <Probe />
    </MemoryRouter>,
  );

describe('CUS-4 a list opened from a link with ?filter=', () => {
  beforeEach(() => sessionStorage.clear());

  test('CUS-4 the linked filter becomes the view, replaces grouping, is kept for the tab and leaves the URL', async () => {
    sessionStorage.setItem(
      'kehu.list.customer',
      JSON.stringify({
        columns: ['name'],
        groupBy: 'industry',
        filter: { field: 'name', op: 'contains', value: '旧' },
      }),
    );
    const filter: Filter = {
      and: [
        { field: 'industry', op: 'eq', value: 'fire' },
        { field: 'region', op: 'isEmpty' },
      ],
    };
    show(listUrl('customer', filter));
    expect(screen.getByTestId('filter').textContent).toBe(JSON.stringify(filter));
    expect(screen.getByTestId('group').textContent).toBe('');
    expect(await screen.findByTestId('search')).toHaveProperty('textContent', '');
    expect(JSON.parse(sessionStorage.getItem('kehu.list.customer')!)).toMatchObject({ filter, columns: ['name'] });
  });

  test('CUS-4 a malformed filter parameter is ignored and the saved view stays', () => {
    const saved = { field: 'name', op: 'contains', value: '旧' };
    sessionStorage.setItem('kehu.list.customer', JSON.stringify({ columns: ['name'], filter: saved }));
    show('/o/customer?filter=%7Bnot-json');
    expect(screen.getByTestId('filter').textContent).toBe(JSON.stringify(saved));
    expect(filterFromUrl('{"field":1}')).toBeUndefined();
    expect(filterFromUrl('{"or":[{"field":"a","op":"eq","value":1},"x"]}')).toBeUndefined();
  });
});
