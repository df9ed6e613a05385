import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;
const label = (zh: string) => ({ 'zh-CN': zh });
const total = 23;

interface Item {
  id: number;
  label: string | null;
  rank: number | null;
  due: string | null;
  account: { id: number; label: string } | null;
}

beforeAll(async () => {
  k = await startKehu();
  for (const decl of [
    { name: 'pAccount', label: label('客户'), fields: { name: { type: 'text', required: true } } },
    {
      name: 'pItem',
      label: label('条目'),
      fields: {
        label: { type: 'text' },
        rank: { type: 'integer' },
        due: { type: 'date' },
        tags: { type: 'tags' },
        account: { type: 'manyToOne', object: 'pAccount' },
      },
    },
  ]) {
    const r = await k.admin.post('/api/metadata/objects', decl);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  const accounts: number[] = [];
  for (const name of ['北京客户', 'Alpha', 'Zeta'])
    accounts.push((await k.admin.post('/api/objects/pAccount', { name })).body.data.id);
  // Many nulls and ties in every sort column, so that paging has to get both right.
  for (let i = 0; i < total; i++) {
    const r = await k.admin.post('/api/objects/pItem', {
      label: i % 5 === 0 ? null : `L${i % 4}`,
      rank: i % 4 === 0 ? null : i % 3,
      due: i % 6 === 0 ? null : `2024-0${1 + (i % 3)}-1${i % 2}`,
      account: i % 3 === 0 ? null : accounts[i % accounts.length],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});
afterAll(() => k?.close());

async function all(sort: string): Promise<Item[]> {
  const r = await k.admin.list('pItem', { sort, limit: '500' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.nextCursor).toBeNull();
  return r.body.data;
}

async function paged(sort: string, limit: number): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const params: Record<string, unknown> = { sort, limit: String(limit), count: 'true' };
    if (cursor) params.cursor = cursor;
    const r = await k.admin.list('pItem', params);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.total).toBe(total);
    seen.push(...r.body.data.map((d: Item) => d.id));
    cursor = r.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('paging did not end');
}

/** Nulls last; otherwise `cmp` in the given direction. */
function ordered<T>(values: (T | null)[], dir: 1 | -1, cmp: (a: T, b: T) => number): boolean {
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (a === null && b !== null) return false;
    if (a !== null && b !== null && dir * cmp(a, b) > 0) return false;
  }
  return true;
}
const num = (a: number, b: number) => a - b;
const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('INT-1 sorting and keyset paging', () => {
  test('INT-1 sort on own fields puts empty values last in both directions', async () => {
    expect(
      ordered(
        (await all('rank')).map((d) => d.rank),
        1,
        num,
      ),
    ).toBe(true);
    expect(
      ordered(
        (await all('-rank')).map((d) => d.rank),
        -1,
        num,
      ),
    ).toBe(true);
    expect(
      ordered(
        (await all('due')).map((d) => d.due),
        1,
        text,
      ),
    ).toBe(true);
    const byRankThenId = await all('rank');
    const tiesOfOne = byRankThenId.filter((d) => d.rank === 1).map((d) => d.id);
    expect(tiesOfOne).toEqual([...tiesOfOne].sort(num)); // ties: id in the last key's direction
  });

  test("INT-1 sort on a related record's field (account.name), empty relation last", async () => {
    const asc = await all('account.name');
    const names = asc.map((d) => d.account?.label ?? null);
    expect(names.filter((n) => n !== null).length).toBeGreaterThan(0);
    expect(names.at(-1)).toBeNull();
    // PostgreSQL's collation decides the order of Latin and Chinese names; the relative order of the two
    // Latin names and the grouping of equal names are what the test can rely on.
    const distinct = names.filter((n, i) => n !== null && n !== names[i - 1]);
    expect(new Set(distinct).size).toBe(distinct.length);
    expect(distinct.indexOf('Alpha')).toBeLessThan(distinct.indexOf('Zeta'));
    const desc = (await all('-account.name')).map((d) => d.account?.label ?? null);
    const distinctDesc = desc.filter((n, i) => n !== null && n !== desc[i - 1]);
    expect(distinctDesc).toEqual([...distinct].reverse());
    expect(desc.at(-1)).toBeNull();
  });

  test.each([
    'rank',
    '-rank',
    'label',
    '-label',
    'rank,-label',
    '-label,rank',
    'due,-rank',
    'account.name',
    '-account.name,rank',
    'account.name,-label,due',
    '-createdAt',
    '',
  ])('INT-1 paging by "%s" visits every record exactly once, in the unpaged order', async (sort) => {
    const reference = (await all(sort)).map((d) => d.id);
    expect(reference).toHaveLength(total);
    for (const limit of [1, 4, 7]) expect(await paged(sort, limit)).toEqual(reference);
  });

  test('INT-1 the optional total counts every matching record, not the page', async () => {
    const r = await k.admin.list('pItem', { filter: { field: 'rank', op: 'isEmpty' }, limit: '2', count: 'true' });
    expect(r.body.data).toHaveLength(2);
    expect(r.body.total).toBe(6);
    const without = await k.admin.list('pItem', { limit: '2' });
    expect(without.body.total).toBeUndefined();
  });

  test('INT-1 unknown or unsortable sort fields and forged cursors are refused', async () => {
    for (const sort of ['nope', 'tags', 'account.nope', 'rank;drop']) {
      const r = await k.admin.list('pItem', { sort });
      expect(r.status, sort).toBe(400);
      expect(r.body.error.code).toBe('UNKNOWN_FIELD');
    }
    const forge = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const [sort, cursor] of [
      ['rank', 'not-a-cursor'],
      ['rank', forge({ v: ['abc'], id: 1 })],
      ['due', forge({ v: ['2024-13-45'], id: 1 })],
      ['rank,label', forge({ v: ['1'], id: 1 })],
      ['', forge({ v: [], id: 'x' })],
    ]) {
      const r = await k.admin.list('pItem', { sort, cursor });
      expect(r.status, `${sort} ${cursor}`).toBe(400);
      expect(r.body.error.code).toBe('INVALID_CURSOR');
    }
  });
});
