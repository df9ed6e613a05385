import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;
const ids: Record<string, number> = {};
let seller: ApiClient;

async function create(object: string, values: Record<string, unknown>, api = k.admin): Promise<number> {
  const r = await api.post(`/api/objects/${object}`, values);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}

function related(id: number, params: Record<string, unknown> = {}, api = k.admin, field = 'contacts') {
  const qs = new URLSearchParams();
  for (const [key, v] of Object.entries(params)) qs.set(key, typeof v === 'string' ? v : JSON.stringify(v));
  return api.get(`/api/objects/rAccount/${id}/related/${field}?${qs}`);
}
const names = (body: { data: Array<{ name: string }> }) => body.data.map((d) => d.name).sort();

beforeAll(async () => {
  k = await startKehu();
  const label = { 'zh-CN': '对象' };
  const account = await k.admin.post('/api/metadata/objects', {
    name: 'rAccount',
    label,
    fields: { name: { type: 'text', required: true } },
  });
  expect(account.status).toBe(201);
  const contact = await k.admin.post('/api/metadata/objects', {
    name: 'rContact',
    label,
    fields: {
      name: { type: 'text', required: true },
      role: {
        type: 'picklist',
        options: [
          { value: 'buyer', label },
          { value: 'user', label },
        ],
      },
      account: { type: 'manyToOne', object: 'rAccount' },
      owner: { type: 'owner' },
    },
  });
  expect(contact.status).toBe(201);
  const back = await k.admin.post('/api/metadata/objects/rAccount/fields', {
    name: 'contacts',
    type: 'oneToMany',
    object: 'rContact',
    field: 'account',
  });
  expect(back.status, JSON.stringify(back.body)).toBe(201);
  seller = (
    await k.user({
      username: 'r_seller',
      grants: { rAccount: { read: 'all' }, rContact: { read: 'own', create: 'own' } },
    })
  ).api;
  ids.a1 = await create('rAccount', { name: '开乐专用车' });
  ids.a2 = await create('rAccount', { name: '其他客户' });
  ids.c1 = await create('rContact', { name: '张三', role: 'buyer', account: ids.a1 }, seller);
  ids.c2 = await create('rContact', { name: '李四', role: 'user', account: ids.a1 });
  ids.c3 = await create('rContact', { name: '王五', role: 'buyer', account: ids.a1 });
  ids.c4 = await create('rContact', { name: '赵六', account: ids.a2 });
  ids.gone = await create('rContact', { name: '已删除', account: ids.a1 });
  expect((await k.admin.delete(`/api/objects/rContact/${ids.gone}`)).status).toBe(200);
});
afterAll(() => k?.close());

describe('INT-1 related lists', () => {
  test('INT-1 a one-to-many field lists the records pointing back at the parent (recycle bin excluded)', async () => {
    const r = await related(ids.a1, { count: 'true' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(names(r.body)).toEqual(['张三', '李四', '王五'].sort());
    expect(r.body.total).toBe(3);
    expect(names((await related(ids.a2)).body)).toEqual(['赵六']);
  });

  test('INT-1 the list parameters work as in any list: filter, sort, limit and cursor', async () => {
    const buyers = await related(ids.a1, { filter: { field: 'role', op: 'eq', value: 'buyer' }, count: 'true' });
    expect(names(buyers.body)).toEqual(['张三', '王五'].sort());
    expect(buyers.body.total).toBe(2);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, unknown> = { sort: '-role,name', limit: '1' };
      if (cursor) params.cursor = cursor;
      const page = await related(ids.a1, params);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.data.map((d: { id: number }) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen)).toEqual(new Set([ids.c1, ids.c2, ids.c3]));
  });

  test('INT-1 unknown fields, fields that are not one-to-many, unknown parameters and records are refused', async () => {
    expect((await related(ids.a1, {}, k.admin, 'nope')).body.error.code).toBe('UNKNOWN_FIELD');
    expect((await related(ids.a1, {}, k.admin, 'name')).body.error.code).toBe('UNKNOWN_FIELD');
    expect((await related(ids.a1, { deleted: 'true' })).body.error.code).toBe('UNKNOWN_PARAMETER');
    expect((await related(ids.a1, { filter: { field: 'nope', op: 'eq', value: 1 } })).body.error.code).toBe(
      'UNKNOWN_FIELD',
    );
    expect((await related(999999)).status).toBe(404);
    expect((await k.admin.get('/api/objects/rAccount/abc/related/contacts')).status).toBe(404);
  });

  test("SEC-2 the target's read scope applies, and the parent must be readable", async () => {
    expect(names((await related(ids.a1, {}, seller)).body)).toEqual(['张三']);
    const outsider = await k.user({
      username: 'r_outsider',
      grants: { rAccount: { read: 'own' }, rContact: { read: 'all' } },
    });
    const hidden = await related(ids.a1, {}, outsider.api);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    const noContacts = await k.user({ username: 'r_nocontacts', grants: { rAccount: { read: 'all' } } });
    expect((await related(ids.a1, {}, noContacts.api)).status).toBe(403);
  });
});
