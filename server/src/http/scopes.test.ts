import type { Scope } from '@kehu/common';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

/**
 * SEC-2 data scopes, on an org of two regions: 华东大区 (with 济南办事处 below it) and 华西大区.
 * 张经理 manages 李销售 (济南); 王销售 works in 华西.
 */
let k: TestKehu;
const ids: Record<string, number> = {};
const records: Record<string, number> = {};
let east: number;
let jinan: number;
let west: number;

const deal = {
  name: 'deal',
  label: { 'zh-CN': '交易', 'en-US': 'Deal' },
  fields: { title: { type: 'text', required: true }, amount: { type: 'money' } },
};

async function withScope(
  name: string,
  scope: Scope,
  department: number,
  extra: Record<string, Scope> = {},
): Promise<ApiClient> {
  const u = await k.user({
    username: name,
    department,
    grants: { deal: { read: scope, ...extra }, user: { read: 'all' } },
  });
  ids[name] = u.id;
  return u.api;
}

beforeAll(async () => {
  k = await startKehu();
  expect((await k.admin.post('/api/metadata/objects', deal)).status).toBe(201);
  expect(
    (await k.admin.post('/api/metadata/objects/deal/fields', { name: 'owner', type: 'manyToOne', object: 'user' }))
      .status,
  ).toBe(201);
  const d = async (name: string, parent?: number) =>
    (await k.admin.post('/api/objects/department', { name, parent })).body.data.id;
  east = await d('华东大区');
  jinan = await d('济南办事处', east);
  west = await d('华西大区');
  const mk = async (username: string, department: number, manager?: number) => {
    const u = await k.user({
      username,
      department,
      manager,
      grants: { deal: { create: 'own', read: 'own', update: 'own', delete: 'own' }, user: { read: 'all' } },
    });
    ids[username] = u.id;
    return u.api;
  };
  const zhang = await mk('zhang', east);
  const li = await mk('li', jinan, ids.zhang);
  const wang = await mk('wang', west);
  records.zhang = (await zhang.post('/api/objects/deal', { title: '张的交易' })).body.data.id;
  records.li = (await li.post('/api/objects/deal', { title: '李的交易' })).body.data.id;
  records.wang = (await wang.post('/api/objects/deal', { title: '王的交易' })).body.data.id;
});
afterAll(() => k?.close());

const titles = async (api: ApiClient) =>
  (await api.list('deal', { sort: 'title' })).body.data.map((d: { title: string }) => d.title).sort();

describe('SEC-2 data scopes become SQL on every read path', () => {
  test('SEC-2 scope "own" sees only the records created or owned by the user', async () => {
    const li = await k.as('li');
    expect(await titles(li)).toEqual(['李的交易']);
  });

  test('SEC-2 scope "own" cannot read a colleague\'s record by id: 404, not 403', async () => {
    const li = await k.as('li');
    const r = await li.get(`/api/objects/deal/${records.wang}`);
    expect(r.status).toBe(404);
    expect((await li.patch(`/api/objects/deal/${records.wang}`, { title: 'x' })).status).toBe(404);
    expect((await li.delete(`/api/objects/deal/${records.wang}`)).status).toBe(404);
    expect((await li.get(`/api/objects/deal/${records.wang}/history`)).status).toBe(404);
  });

  test('SEC-2 scope "subordinates" covers the manager chain', async () => {
    const api = await k.user({
      username: 'zhang2',
      department: east,
      grants: { deal: { read: 'subordinates' } },
    });
    // zhang2 has no subordinates: sees nothing of others
    expect(await titles(api.api)).toEqual([]);
    const zhang = await k.as('zhang');
    await k.admin.patch(`/api/objects/role/${(await roleOf('zhang')).id}`, {
      grants: { deal: { read: 'subordinates' }, user: { read: 'all' } },
    });
    expect(await titles(zhang)).toEqual(['张的交易', '李的交易'].sort());
  });

  test('SEC-2 scope "department" covers the user\'s own department only', async () => {
    const api = await withScope('east_dept', 'department', east);
    expect(await titles(api)).toEqual(['张的交易']);
  });

  test('SEC-2 scope "departmentTree" covers sub-departments too', async () => {
    const api = await withScope('east_tree', 'departmentTree', east);
    expect(await titles(api)).toEqual(['张的交易', '李的交易'].sort());
    const w = await withScope('west_tree', 'departmentTree', west);
    expect(await titles(w)).toEqual(['王的交易']);
  });

  test('SEC-2 scope "all" sees every record; scope "none" is refused', async () => {
    const all = await withScope('auditor', 'all', west);
    expect(await titles(all)).toEqual(['张的交易', '李的交易', '王的交易'].sort());
    const none = await withScope('nobody', 'none', west);
    expect((await none.list('deal')).status).toBe(403);
    expect((await none.get(`/api/objects/deal/${records.wang}`)).status).toBe(404);
  });

  test('SEC-2 a readable record outside the update scope answers 403 on write', async () => {
    const api = await withScope('reader', 'all', west, { update: 'own' });
    const r = await api.patch(`/api/objects/deal/${records.li}`, { title: 'hijack' });
    expect(r.status).toBe(403);
    expect((await k.admin.get(`/api/objects/deal/${records.li}`)).body.data.title).toBe('李的交易');
  });

  test('SEC-2 filters on related fields and group paths cannot widen the scope', async () => {
    const li = await k.as('li');
    const r = await li.list('deal', {
      filter: {
        or: [
          { field: 'createdBy.department', op: 'eq', value: west },
          { field: 'id', op: 'gt', value: 0 },
        ],
      },
    });
    expect(r.body.data.map((d: { title: string }) => d.title)).toEqual(['李的交易']);
  });
});

async function roleOf(username: string) {
  const r = await k.admin.list('role', { filter: { field: 'name', op: 'eq', value: `role-${username}` } });
  return r.body.data[0];
}
