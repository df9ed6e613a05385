import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

/** SEC-5: a department administrator manages users and roles in their subtree, granting only grantable rights. */
let k: TestKehu;
let deptAdmin: ApiClient;
let east: number;
let jinan: number;
let west: number;
let adminRole: number;

beforeAll(async () => {
  k = await startKehu();
  await k.admin.post('/api/metadata/objects', {
    name: 'deal',
    label: { 'zh-CN': '交易' },
    fields: { title: { type: 'text' } },
  });
  const d = async (name: string, parent?: number) =>
    (await k.admin.post('/api/objects/department', { name, parent })).body.data.id;
  east = await d('华东大区');
  jinan = await d('济南办事处', east);
  west = await d('华西大区');
  const role = await k.admin.post('/api/objects/role', {
    name: '华东管理员',
    grants: {
      user: { create: 'departmentTree', read: 'departmentTree', update: 'departmentTree' },
      role: { create: 'own', read: 'own', update: 'own' },
      department: { read: 'all' },
      deal: { read: 'department', update: 'own' },
    },
    // update on deals is execute-only: held, not grantable
    grantable: { deal: { read: 'department' } },
  });
  expect(role.status, JSON.stringify(role.body)).toBe(201);
  await k.admin.post('/api/objects/user', {
    username: 'eastadmin',
    name: '华东管理员',
    password: 'Correct-Horse-42',
    department: east,
    roles: [role.body.data.id],
  });
  deptAdmin = await k.as('eastadmin');
  adminRole = (await k.admin.list('role', { filter: { field: 'isAdmin', op: 'eq', value: true } })).body.data[0].id;
});
afterAll(() => k?.close());

describe('SEC-5 graded administration and grant rights', () => {
  test("SEC-5 users can be created and seen only inside the administrator's department subtree", async () => {
    const ok = await deptAdmin.post('/api/objects/user', {
      username: 'jn1',
      name: '济南一号',
      department: jinan,
      password: 'Correct-Horse-42',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const out = await deptAdmin.post('/api/objects/user', {
      username: 'w1',
      name: '华西一号',
      department: west,
      password: 'Correct-Horse-42',
    });
    expect(out.status).toBe(403);
    const westUser = await k.admin.post('/api/objects/user', { username: 'w2', name: '华西二号', department: west });
    expect((await deptAdmin.get(`/api/objects/user/${westUser.body.data.id}`)).status).toBe(404);
    const moved = await deptAdmin.patch(`/api/objects/user/${ok.body.data.id}`, { department: west });
    expect(moved.status).toBe(403);
  });

  test('SEC-5 roles can carry only grantable rights; execute-only rights and administrator roles cannot be passed on', async () => {
    const ok = await deptAdmin.post('/api/objects/role', {
      name: '济南销售',
      grants: { deal: { read: 'department' } },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const wider = await deptAdmin.post('/api/objects/role', { name: '越权', grants: { deal: { read: 'all' } } });
    expect(wider.status).toBe(403);
    const executeOnly = await deptAdmin.post('/api/objects/role', {
      name: '仅执行',
      grants: { deal: { update: 'own' } },
    });
    expect(executeOnly.status).toBe(403);
    const admin = await deptAdmin.post('/api/objects/role', { name: '假管理员', isAdmin: true });
    expect(admin.status).toBe(403);
    const user = await deptAdmin.post('/api/objects/user', {
      username: 'jn2',
      name: '济南二号',
      department: jinan,
      roles: [ok.body.data.id],
    });
    expect(user.status).toBe(201);
    const escalate = await deptAdmin.patch(`/api/objects/user/${user.body.data.id}`, { roles: [adminRole] });
    // The administrator role is outside what a department administrator may read: a reference to it is refused
    // like a missing id (SEC-2), before the grant check would refuse it with 403.
    expect(escalate.status).toBe(400);
    expect(escalate.body.error.fields).toEqual({ roles: 'notFound' });
    expect((await k.admin.get(`/api/objects/user/${user.body.data.id}`)).body.data.roles).toEqual([
      { id: ok.body.data.id, label: '济南销售' },
    ]);
  });
});
