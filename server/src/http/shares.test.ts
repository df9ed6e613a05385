import type { Grants } from '@kehu/common';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';

/** SEC-4 sharing rules (issue 12, finding 6): who may share, at which level, and that recipients cannot pass it on. */
type Person = { id: number; api: ApiClient };
let k: TestKehu;
let root: number;
let owner: Person; // A: owns the customer
let colleague: Person; // B: gets an edit share from A
let outsider: Person; // C: another office, phone masked
let sharer: Person; // A's manager: reads A's customers and holds the share right, but may not edit them
let editor: Person; // edits every customer, without the share right
let jinanMember: Person;

const sales: Grants = {
  '*': { create: 'own', read: 'own', update: 'own', delete: 'own' },
  user: { read: 'all' },
  department: { read: 'all' },
};

async function department(name: string, parent?: number): Promise<number> {
  const r = await k.admin.post('/api/objects/department', { name, parent });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}

beforeAll(async () => {
  k = await startKehu();
  root = await department('鲁东汽车集团');
  const jinan = await department('济南办事处', root);
  const qingdao = await department('青岛办事处', root);
  sharer = await k.user({
    username: 'sharer',
    department: jinan,
    grants: { ...sales, customer: { read: 'subordinates', share: 'subordinates' } },
  });
  editor = await k.user({
    username: 'editor',
    department: jinan,
    grants: { ...sales, customer: { read: 'all', update: 'all' } },
  });
  owner = await k.user({ username: 'owner', department: jinan, manager: sharer.id, grants: sales });
  colleague = await k.user({ username: 'colleague', department: jinan, grants: sales });
  jinanMember = await k.user({ username: 'member', department: jinan, grants: sales });
  const role = await k.admin.post('/api/objects/role', {
    name: '青岛销售',
    grants: sales,
    fieldRights: { customer: { phone: 'masked' } },
  });
  const u = await k.admin.post('/api/objects/user', {
    username: 'outsider',
    name: 'outsider',
    password: testPassword,
    department: qingdao,
    roles: [role.body.data.id],
  });
  expect(u.status, JSON.stringify(u.body)).toBe(201);
  outsider = { id: u.body.data.id, api: await k.as('outsider') };
});
afterAll(() => k?.close());

async function ownersCustomer(name: string): Promise<number> {
  const r = await owner.api.post('/api/objects/customer', { name, type: 'direct', phone: '13812345678' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}

const share = (p: Person, id: number, body: Record<string, unknown>) =>
  p.api.post(`/api/objects/customer/${id}/shares`, body);

describe('SEC-4 who may share a record', () => {
  test('SEC-4 a recipient cannot re-share: B, given edit, cannot open the customer to the whole company', async () => {
    const id = await ownersCustomer('淄博博山机械厂');
    expect((await share(owner, id, { user: colleague.id, level: 'edit' })).status).toBe(201);
    // The edit share works as meant: B edits.
    expect((await colleague.api.patch(`/api/objects/customer/${id}`, { notes: 'B 跟进中' })).status).toBe(200);

    const company = await share(colleague, id, { department: root, level: 'edit' });
    expect(company.status).toBe(403);
    expect(company.body.error).toMatchObject({
      code: 'SHARE_FORBIDDEN',
      message: '只有记录的负责人、管理员或拥有“共享”权限的人可以共享此记录或取消共享',
    });
    colleague.api.locale = 'en-US';
    const toOne = await share(colleague, id, { user: outsider.id, level: 'read' });
    colleague.api.locale = 'zh-CN';
    expect(toOne.status).toBe(403);
    expect(toOne.body.error.message).toBe(
      'Only the record\'s owner, an administrator or someone with the "share" right may share this record or remove its shares',
    );
    // Nor can B take shares away (the owner's to B included).
    const mine = (await owner.api.get(`/api/objects/customer/${id}/shares`)).body.data[0];
    expect((await colleague.api.delete(`/api/objects/customer/${id}/shares/${mine.id}`)).body.error.code).toBe(
      'SHARE_FORBIDDEN',
    );

    // The other office still cannot read, edit, unmask or share the customer.
    expect((await outsider.api.get(`/api/objects/customer/${id}`)).status).toBe(404);
    expect((await outsider.api.patch(`/api/objects/customer/${id}`, { notes: 'x' })).status).toBe(404);
    expect((await outsider.api.post(`/api/objects/customer/${id}/reveal`, { field: 'phone' })).status).toBe(404);
    expect((await share(outsider, id, { user: outsider.id, level: 'edit' })).status).toBe(404);
    const shares = (await k.admin.get(`/api/objects/customer/${id}/shares`)).body.data;
    expect(shares).toEqual([
      expect.objectContaining({ user: { id: colleague.id, label: 'colleague' }, level: 'edit' }),
    ]);
  });

  test('SEC-4 the owner shares and unshares; an administrator shares with a department', async () => {
    const id = await ownersCustomer('泰安泰山重工有限公司');
    const s = await share(owner, id, { user: outsider.id, level: 'read' });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    const seen = await outsider.api.get(`/api/objects/customer/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.phone).not.toBe('13812345678');
    expect((await outsider.api.patch(`/api/objects/customer/${id}`, { notes: 'x' })).status).toBe(403);
    expect((await owner.api.delete(`/api/objects/customer/${id}/shares/${s.body.data.id}`)).status).toBe(200);
    expect((await outsider.api.get(`/api/objects/customer/${id}`)).status).toBe(404);

    const dept = await k.admin.post(`/api/objects/customer/${id}/shares`, {
      department: (await k.admin.get(`/api/objects/user/${jinanMember.id}`)).body.data.department.id,
      level: 'edit',
    });
    expect(dept.status, JSON.stringify(dept.body)).toBe(201);
    expect((await jinanMember.api.patch(`/api/objects/customer/${id}`, { notes: '办事处协作' })).status).toBe(200);
  });

  test('SEC-4 a share never gives more than the sharer holds; editing alone does not allow sharing', async () => {
    const id = await ownersCustomer('德州德百物流有限公司');
    // The manager holds the share right over his person's customer, but only reads it: read shares only.
    expect((await share(sharer, id, { user: outsider.id, level: 'read' })).status).toBe(201);
    const more = await share(sharer, id, { user: outsider.id, level: 'edit' });
    expect(more.status).toBe(403);
    expect(more.body.error).toMatchObject({
      code: 'SHARE_LEVEL_EXCEEDED',
      message: '共享的权限不能超过你自己对此记录的权限：你只能查看此记录',
    });
    expect((await outsider.api.patch(`/api/objects/customer/${id}`, { notes: 'x' })).status).toBe(403);
    // Removing follows the same rule: he may take back a read share, not the owner's edit share.
    const edit = await share(owner, id, { user: colleague.id, level: 'edit' });
    expect((await sharer.api.delete(`/api/objects/customer/${id}/shares/${edit.body.data.id}`)).body.error.code).toBe(
      'SHARE_LEVEL_EXCEEDED',
    );
    const read = (await owner.api.get(`/api/objects/customer/${id}/shares`)).body.data.find(
      (x: { level: string }) => x.level === 'read',
    );
    expect((await sharer.api.delete(`/api/objects/customer/${id}/shares/${read.id}`)).status).toBe(200);
    // Someone who may edit every customer but holds no share right cannot share them.
    expect((await share(editor, id, { user: outsider.id, level: 'read' })).body.error.code).toBe('SHARE_FORBIDDEN');
  });

  test('SEC-4 SEC-6 a delegate acting for the owner cannot share without a delegated share right', async () => {
    const id = await ownersCustomer('聊城东昌府运输有限公司');
    const d = await owner.api.post('/api/delegations', {
      to: colleague.id,
      rights: { customer: ['read', 'update'] },
      endsAt: new Date(Date.now() + 86400000).toISOString(),
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const asOwner = { 'x-kehu-on-behalf-of': String(owner.id) };
    const get = await colleague.api.request('GET', `/api/objects/customer/${id}`, undefined, asOwner);
    expect(get.status).toBe(200);
    const r = await colleague.api.request(
      'POST',
      `/api/objects/customer/${id}/shares`,
      { user: outsider.id, level: 'read' },
      asOwner,
    );
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('SHARE_FORBIDDEN');
  });
});
