import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

/** SEC-3 field rights, SEC-4 shares, SEC-6 delegation: all enforced by the engine's access layer. */
let k: TestKehu;
let li: { id: number; api: ApiClient };
let wang: { id: number; api: ApiClient };
let sales: { id: number; api: ApiClient };
let wangRecord: number;
const secret = '8888888.00';

const own = { create: 'own', read: 'own', update: 'own', delete: 'own' } as const;

beforeAll(async () => {
  k = await startKehu();
  const r = await k.admin.post('/api/metadata/objects', {
    name: 'account',
    label: { 'zh-CN': '账户' },
    fields: {
      name: { type: 'text', required: true, search: 'fuzzy' },
      creditLimit: { type: 'money', label: { 'zh-CN': '信用额度' } },
      note: { type: 'text', search: 'fuzzy' },
      owner: { type: 'owner' },
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  li = await k.user({ username: 'li', grants: { account: own, user: { read: 'all' } } });
  wang = await k.user({ username: 'wang', grants: { account: own, user: { read: 'all' } } });
  const role = await k.admin.post('/api/objects/role', {
    name: '受限销售',
    grants: { account: { ...own, read: 'all' } },
    fieldRights: { account: { creditLimit: 'hidden', note: 'readOnly' } },
  });
  const u = await k.admin.post('/api/objects/user', {
    username: 'sales',
    name: '受限',
    password: 'Correct-Horse-42',
    roles: [role.body.data.id],
  });
  sales = { id: u.body.data.id, api: await k.as('sales') };
  wangRecord = (await wang.api.post('/api/objects/account', { name: '王的客户', creditLimit: secret, note: '老客户' }))
    .body.data.id;
});
afterAll(() => k?.close());

describe('SEC-3 field-level rights', () => {
  test('SEC-3 a hidden field never leaves the server: list, get, search, history, metadata', async () => {
    await k.admin.patch(`/api/objects/account/${wangRecord}`, { creditLimit: '9999999.00' });
    const list = await sales.api.list('account', { q: '王' });
    const get = await sales.api.get(`/api/objects/account/${wangRecord}`);
    const history = await sales.api.get(`/api/objects/account/${wangRecord}/history`);
    const meta = await sales.api.get('/api/metadata/objects/account');
    expect(list.body.data.length).toBe(1);
    for (const body of [list.body, get.body, history.body, meta.body]) {
      expect(JSON.stringify(body)).not.toMatch(/creditLimit|8888888|9999999/);
    }
    expect(meta.body.data.fields.find((f: { name: string }) => f.name === 'note').readOnly).toBe(true);
    const bySecret = await sales.api.list('account', { q: '8888888' });
    expect(bySecret.body.data).toEqual([]);
  });

  test('SEC-3 a hidden field cannot be filtered or sorted on (that would leak it), nor written', async () => {
    const f = await sales.api.list('account', { filter: { field: 'creditLimit', op: 'gt', value: 1000000 } });
    expect(f.status).toBe(400);
    expect(f.body.error.code).toBe('UNKNOWN_FIELD');
    const s = await sales.api.list('account', { sort: '-creditLimit' });
    expect(s.body.error.code).toBe('UNKNOWN_FIELD');
    const w = await sales.api.post('/api/objects/account', { name: '新客户', creditLimit: '1.00' });
    expect(w.body.error.fields).toEqual({ creditLimit: 'unknown' });
    const ro = await sales.api.post('/api/objects/account', { name: '新客户', note: 'x' });
    expect(ro.body.error.fields).toEqual({ note: 'readOnly' });
  });

  test('SEC-3 responses to writes carry no hidden field, and restoring keeps hidden values', async () => {
    const c = await sales.api.post('/api/objects/account', { name: '受限员工的客户' });
    expect(c.status).toBe(201);
    expect(c.body.data).not.toHaveProperty('creditLimit');
    await k.admin.patch(`/api/objects/account/${c.body.data.id}`, { creditLimit: '500.00' });
    await sales.api.patch(`/api/objects/account/${c.body.data.id}`, { name: '改名' });
    const r = await sales.api.post(`/api/objects/account/${c.body.data.id}/restore`, { version: 1 });
    expect(r.status).toBe(200);
    expect((await k.admin.get(`/api/objects/account/${c.body.data.id}`)).body.data.creditLimit).toBe('500.00');
  });

  test('SEC-3 a second role that does not restrict the field makes it editable (most permissive wins)', async () => {
    const open = await k.admin.post('/api/objects/role', { name: '财务', grants: { account: { read: 'all' } } });
    const restricted = await k.admin.list('role', { filter: { field: 'name', op: 'eq', value: '受限销售' } });
    await k.admin.patch(`/api/objects/user/${sales.id}`, { roles: [restricted.body.data[0].id, open.body.data.id] });
    const again = await k.as('sales');
    const get = await again.get(`/api/objects/account/${wangRecord}`);
    expect(get.body.data.creditLimit).toBe('9999999.00');
    await k.admin.patch(`/api/objects/user/${sales.id}`, { roles: [restricted.body.data[0].id] });
  });
});

describe('SEC-4 shares', () => {
  test('SEC-4 a record shared to read is visible in the list and by id, but not editable', async () => {
    expect((await li.api.get(`/api/objects/account/${wangRecord}`)).status).toBe(404);
    const s = await wang.api.post(`/api/objects/account/${wangRecord}/shares`, { user: li.id, level: 'read' });
    expect(s.status).toBe(201);
    const list = await li.api.list('account');
    expect(list.body.data.map((d: { id: number }) => d.id)).toContain(wangRecord);
    expect((await li.api.get(`/api/objects/account/${wangRecord}`)).status).toBe(200);
    expect((await li.api.patch(`/api/objects/account/${wangRecord}`, { name: 'x' })).status).toBe(403);
    expect((await li.api.delete(`/api/objects/account/${wangRecord}`)).status).toBe(403);
  });

  test('SEC-4 an edit share allows updates; removing the share hides the record again', async () => {
    const s = await wang.api.post(`/api/objects/account/${wangRecord}/shares`, { user: li.id, level: 'edit' });
    expect((await li.api.patch(`/api/objects/account/${wangRecord}`, { name: '王的客户（李协作）' })).status).toBe(200);
    const shares = await wang.api.get(`/api/objects/account/${wangRecord}/shares`);
    expect(shares.body.data).toEqual([expect.objectContaining({ level: 'edit', user: { id: li.id, label: 'li' } })]);
    expect((await wang.api.delete(`/api/objects/account/${wangRecord}/shares/${s.body.data.id}`)).status).toBe(200);
    expect((await li.api.get(`/api/objects/account/${wangRecord}`)).status).toBe(404);
  });

  test('SEC-4 a share to a department reaches its members; outsiders cannot share what they cannot edit', async () => {
    const dept = (await k.admin.post('/api/objects/department', { name: '济南办事处' })).body.data.id;
    const member = await k.user({ username: 'jinan', department: dept, grants: { account: own } });
    await wang.api.post(`/api/objects/account/${wangRecord}/shares`, { department: dept, level: 'read' });
    expect((await member.api.get(`/api/objects/account/${wangRecord}`)).status).toBe(200);
    const hijack = await li.api.post(`/api/objects/account/${wangRecord}/shares`, { user: li.id, level: 'edit' });
    expect(hijack.status).toBe(404);
  });
});

describe('SEC-6 delegation', () => {
  test('SEC-6 a delegate acts on behalf of the delegator, recorded as such, within the delegated rights only', async () => {
    const mine = (await wang.api.post('/api/objects/account', { name: '出差期间跟进' })).body.data.id;
    const d = await wang.api.post('/api/delegations', {
      to: li.id,
      rights: { account: ['read', 'update'] },
      endsAt: new Date(Date.now() + 86400000).toISOString(),
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const h = { 'x-kehu-on-behalf-of': String(wang.id) };
    const list = await li.api.request('GET', '/api/objects/account', undefined, h);
    expect(list.body.data.map((x: { id: number }) => x.id)).toContain(mine);
    const upd = await li.api.request('PATCH', `/api/objects/account/${mine}`, { name: '李代王跟进' }, h);
    expect(upd.status).toBe(200);
    const hist = await wang.api.get(`/api/objects/account/${mine}/history`);
    expect(hist.body.data[0]).toMatchObject({ actor: { id: li.id }, onBehalfOf: { id: wang.id } });
    const log = await k.admin.list('operationLog', {
      filter: { field: 'recordId', op: 'eq', value: mine },
      sort: '-at',
    });
    expect(log.body.data[0].onBehalfOf).toMatchObject({ id: wang.id });
    const del = await li.api.request('DELETE', `/api/objects/account/${mine}`, undefined, h);
    expect(del.status).toBe(403);
  });

  test('SEC-6 an expired or revoked delegation no longer works; nobody delegates what they lack', async () => {
    const d = await wang.api.post('/api/delegations', {
      to: sales.id,
      rights: { account: ['read'] },
      endsAt: new Date(Date.now() + 3600000).toISOString(),
    });
    const h = { 'x-kehu-on-behalf-of': String(wang.id) };
    expect((await sales.api.request('GET', '/api/objects/account', undefined, h)).status).toBe(200);
    await k.kehu.engine.db
      .updateTable('sys_delegation')
      .set({ starts_at: new Date(Date.now() - 7200000), ends_at: new Date(Date.now() - 1000) })
      .where('id', '=', d.body.data.id)
      .execute();
    expect((await sales.api.request('GET', '/api/objects/account', undefined, h)).status).toBe(403);
    const d2 = await wang.api.post('/api/delegations', {
      to: sales.id,
      rights: { account: ['read'] },
      endsAt: new Date(Date.now() + 3600000).toISOString(),
    });
    expect((await wang.api.post(`/api/delegations/${d2.body.data.id}/revoke`)).status).toBe(200);
    expect((await sales.api.request('GET', '/api/objects/account', undefined, h)).status).toBe(403);
    const greedy = await wang.api.post('/api/delegations', {
      to: li.id,
      rights: { role: ['update'] },
      endsAt: new Date(Date.now() + 3600000).toISOString(),
    });
    expect(greedy.body.error.fields).toEqual({ rights: 'format' });
  });
});

describe('SEC-14 masking', () => {
  test('SEC-14 masked phones and emails show partly everywhere; a reveal shows the value and is audited', async () => {
    await k.admin.post('/api/metadata/objects/account/fields', { name: 'mobile', type: 'phone' });
    await k.admin.post('/api/metadata/objects/account/fields', { name: 'mail', type: 'email' });
    const role = await k.admin.post('/api/objects/role', {
      name: '客服',
      grants: { account: { read: 'all' } },
      fieldRights: { account: { mobile: 'masked', mail: 'masked' } },
    });
    await k.admin.post('/api/objects/user', {
      username: 'agent',
      name: '客服',
      password: 'Correct-Horse-42',
      roles: [role.body.data.id],
    });
    const agent = await k.as('agent');
    const rec = await k.admin.post('/api/objects/account', {
      name: '掩码客户',
      mobile: '13800138000',
      mail: 'boss@example.com',
    });
    await k.admin.patch(`/api/objects/account/${rec.body.data.id}`, { mobile: '13900139000' });
    const get = await agent.get(`/api/objects/account/${rec.body.data.id}`);
    expect(get.body.data).toMatchObject({
      mobile: '+86138****8000'.replace('138****8000', '139****9000'),
      mail: 'b***@example.com',
    });
    const list = await agent.list('account', { filter: { field: 'name', op: 'eq', value: '掩码客户' } });
    const hist = await agent.get(`/api/objects/account/${rec.body.data.id}/history`);
    for (const body of [get.body, list.body, hist.body])
      expect(JSON.stringify(body)).not.toMatch(/13800138000|13900139000|boss@/);
    expect((await agent.patch(`/api/objects/account/${rec.body.data.id}`, { mobile: '13700137000' })).status).toBe(403);
    const reveal = await agent.post(`/api/objects/account/${rec.body.data.id}/reveal`, { field: 'mobile' });
    expect(reveal.body.data.value).toBe('+8613900139000');
    const log = await k.admin.list('operationLog', { filter: { field: 'detail', op: 'eq', value: 'reveal mobile' } });
    expect(log.body.data[0]).toMatchObject({ recordId: rec.body.data.id, targetObject: 'account' });
  });
});
