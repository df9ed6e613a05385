import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;
let seller: { id: number; api: ApiClient };

async function create(values: Record<string, unknown>, api = k.admin): Promise<number> {
  const r = await api.post('/api/objects/bDeal', values);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}
const get = async (id: number) => (await k.admin.get(`/api/objects/bDeal/${id}`)).body.data;

beforeAll(async () => {
  k = await startKehu();
  const r = await k.admin.post('/api/metadata/objects', {
    name: 'bDeal',
    label: { 'zh-CN': '商机' },
    fields: {
      title: { type: 'text', required: true },
      code: { type: 'text', unique: true },
      amount: { type: 'money' },
      status: {
        type: 'picklist',
        options: [
          { value: 'plan', label: { 'zh-CN': '计划' } },
          { value: 'won', label: { 'zh-CN': '赢单' } },
        ],
      },
      owner: { type: 'owner' },
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const own = { create: 'own', read: 'own', update: 'own', delete: 'own' } as const;
  seller = await k.user({ username: 'b_seller', grants: { bDeal: own } });
});
afterAll(() => k?.close());

describe('INT-1 bulk update and delete', () => {
  test('INT-1 bulk update by ids: each record goes through the pipeline (version, history)', async () => {
    const ids = [await create({ title: 'a' }), await create({ title: 'b' }), await create({ title: 'c' })];
    const r = await k.admin.post('/api/objects/bDeal/bulk-update', { ids, values: { status: 'won', amount: '12.5' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toEqual({ updated: 3 });
    for (const id of ids) expect(await get(id)).toMatchObject({ status: 'won', amount: '12.50', version: 2 });
    const h = await k.admin.get(`/api/objects/bDeal/${ids[0]}/history`);
    expect(h.body.data[0]).toMatchObject({ version: 2, changes: { status: [null, 'won'], amount: [null, '12.50'] } });
  });

  test('INT-1 bulk update and delete by filter', async () => {
    for (const t of ['f-1', 'f-2', 'f-3']) await create({ title: t });
    const filter = { field: 'title', op: 'startsWith', value: 'f-' };
    const u = await k.admin.post('/api/objects/bDeal/bulk-update', { filter, values: { status: 'plan' } });
    expect(u.body.data).toEqual({ updated: 3 });
    const listed = await k.admin.list('bDeal', {
      filter: { and: [filter, { field: 'status', op: 'eq', value: 'plan' }] },
      count: 'true',
    });
    expect(listed.body.total).toBe(3);
    const d = await k.admin.post('/api/objects/bDeal/bulk-delete', { filter });
    expect(d.body.data).toEqual({ deleted: 3 });
    expect((await k.admin.list('bDeal', { filter, count: 'true' })).body.total).toBe(0);
    const bin = await k.admin.get('/api/recycle-bin/bDeal');
    expect(bin.body.data.filter((x: { title: string }) => x.title.startsWith('f-'))).toHaveLength(3);
  });

  test('INT-1 bulk delete by ids moves the records to the recycle bin', async () => {
    const ids = [await create({ title: 'd1' }), await create({ title: 'd2' })];
    const r = await k.admin.post('/api/objects/bDeal/bulk-delete', { ids });
    expect(r.body.data).toEqual({ deleted: 2 });
    for (const id of ids) expect((await k.admin.get(`/api/objects/bDeal/${id}`)).status).toBe(404);
    // Already deleted: the whole batch is refused.
    expect((await k.admin.post('/api/objects/bDeal/bulk-delete', { ids })).status).toBe(404);
  });

  test('INT-1 all or nothing: a failure on one record (duplicate value) leaves every record unchanged', async () => {
    const ids = [await create({ title: 'u1' }), await create({ title: 'u2' })];
    const r = await k.admin.post('/api/objects/bDeal/bulk-update', { ids, values: { code: 'SAME', status: 'won' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('DUPLICATE_VALUE');
    for (const id of ids) expect(await get(id)).toMatchObject({ code: null, status: null, version: 1 });
  });

  test("SEC-2 all or nothing: an id outside the caller's scope fails the whole batch with NOT_FOUND", async () => {
    const mine = [await create({ title: 's1' }, seller.api), await create({ title: 's2' }, seller.api)];
    const theirs = await create({ title: 'admin' });
    const u = await seller.api.post('/api/objects/bDeal/bulk-update', {
      ids: [...mine, theirs],
      values: { status: 'won' },
    });
    expect(u.status).toBe(404);
    expect(u.body.error.code).toBe('NOT_FOUND');
    const d = await seller.api.post('/api/objects/bDeal/bulk-delete', { ids: [theirs, ...mine] });
    expect(d.status).toBe(404);
    for (const id of mine) expect(await get(id)).toMatchObject({ status: null, version: 1 });
    expect(await get(theirs)).toMatchObject({ status: null, version: 1 });
    // By filter, the scope decides which records are chosen: only the caller's own.
    const all = await seller.api.post('/api/objects/bDeal/bulk-update', {
      filter: { and: [] },
      values: { status: 'won' },
    });
    expect(all.body.data).toEqual({ updated: 2 });
    expect((await get(theirs)).status).toBeNull();
  });

  test('INT-1 malformed bulk requests are refused and change nothing', async () => {
    const id = await create({ title: 'x' });
    const refused = async (path: string, body: unknown, code: string, status = 400) => {
      const r = await k.admin.post(`/api/objects/bDeal/${path}`, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    };
    await refused('bulk-update', { ids: [id], filter: { and: [] }, values: { status: 'won' } }, 'BAD_REQUEST');
    await refused('bulk-update', { values: { status: 'won' } }, 'BAD_REQUEST');
    await refused('bulk-update', { ids: [id] }, 'BAD_REQUEST');
    await refused('bulk-update', { ids: [id], values: {} }, 'BAD_REQUEST');
    await refused('bulk-update', { ids: [id], values: { amount: 'abc' } }, 'VALIDATION_FAILED');
    await refused('bulk-update', { ids: [id], values: { nope: 1 } }, 'VALIDATION_FAILED');
    await refused('bulk-update', { ids: [id], values: { status: 'won' }, force: true }, 'UNKNOWN_PARAMETER');
    await refused('bulk-delete', { ids: [] }, 'BAD_REQUEST');
    await refused('bulk-delete', { ids: ['1'] }, 'BAD_REQUEST');
    await refused('bulk-delete', { ids: Array.from({ length: 5001 }, (_, i) => i + 1) }, 'TOO_MANY_RECORDS');
    await refused('bulk-delete', { filter: { field: 'nope', op: 'eq', value: 1 } }, 'UNKNOWN_FIELD');
    await refused('bulk-delete', [id], 'BAD_REQUEST');
    await refused('bulk-delete', { ids: [id], values: {} }, 'UNKNOWN_PARAMETER');
    expect(await get(id)).toMatchObject({ status: null, version: 1 });
    const log = await k.admin.post('/api/objects/operationLog/bulk-delete', { filter: { and: [] } });
    expect(log.status).toBe(403);
    expect(log.body.error.code).toBe('READ_ONLY_OBJECT');
  });

  test('INT-1 at most 5,000 records per batch: a filter matching more is refused before anything changes', async () => {
    const db = k.kehu.engine.db;
    await sql`insert into obj_b_deal (title, created_by, updated_by, owner_id)
      select 'many-' || g, 1, 1, 1 from generate_series(1, 5001) g`.execute(db);
    const filter = { field: 'title', op: 'startsWith', value: 'many-' };
    for (const path of ['bulk-update', 'bulk-delete']) {
      const r = await k.admin.post(`/api/objects/bDeal/${path}`, {
        filter,
        ...(path === 'bulk-update' ? { values: { status: 'won' } } : {}),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe('TOO_MANY_RECORDS');
      expect(r.body.error.message).toContain('5000');
    }
    const untouched = { and: [filter, { field: 'status', op: 'isEmpty' }] };
    expect((await k.admin.list('bDeal', { filter: untouched, count: 'true' })).body.total).toBe(5001);
  });
});
