import type { FieldRights, Grants } from '@kehu/common';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../../test/harness.ts';

let k: TestKehu;
let li: { id: number; api: ApiClient };
let customer: number;
const ids: Record<string, number> = {};

/** A user whose role also carries field rights (the harness's `user` gives grants only). */
async function userWith(username: string, grants: Grants, fieldRights: FieldRights) {
  const role = await k.admin.post('/api/objects/role', { name: `role-${username}`, grants, fieldRights });
  const u = await k.admin.post('/api/objects/user', {
    username,
    name: username,
    password: testPassword,
    roles: [role.body.data.id],
  });
  expect(u.status, JSON.stringify(u.body)).toBe(201);
  return { id: u.body.data.id as number, api: await k.as(username) };
}

async function contact(key: string, fields: Record<string, unknown>) {
  const r = await k.admin.post('/api/objects/contact', { customer, ...fields });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  ids[key] = r.body.data.id;
}

type Node = { id: number; name?: string; title?: string; decisionRole?: string; children: Node[] };
const shape = (n: Node): unknown => ({ name: n.name, children: n.children.map(shape) });

beforeAll(async () => {
  k = await startKehu();
  li = await userWith(
    'li',
    { customer: { read: 'all' }, contact: { read: 'own', update: 'own' } },
    { contact: { title: 'hidden' } },
  );
  customer = (await k.admin.post('/api/objects/customer', { name: '徐州重型环卫设备有限公司', type: 'direct' })).body
    .data.id;
  await contact('ceo', { name: '周总', title: '总经理', department: '总经办', decisionRole: 'decisionMaker' });
  await contact('buyer', {
    name: '吴经理',
    title: '采购经理',
    department: '采购部',
    decisionRole: 'purchaser',
    reportsTo: ids.ceo,
    owner: li.id,
  });
  await contact('clerk', { name: '郑采购', title: '采购员', reportsTo: ids.buyer, owner: li.id, decisionRole: 'user' });
  await contact('cto', { name: '王总工', title: '技术总监', reportsTo: ids.ceo, decisionRole: 'technical' });
});
afterAll(() => k?.close());

describe('CUS-10 org chart', () => {
  test("CUS-10 the org chart is the reports-to tree of the customer's contacts with title, department and decision role", async () => {
    const r = await k.admin.get(`/api/customers/${customer}/org-chart`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const chart = r.body.data;
    expect(chart.customer).toEqual({ id: customer, name: '徐州重型环卫设备有限公司' });
    expect(chart.count).toBe(4);
    expect(chart.truncated).toBe(false);
    expect(chart.roots.map(shape)).toEqual([
      {
        name: '周总',
        children: [
          { name: '吴经理', children: [{ name: '郑采购', children: [] }] },
          { name: '王总工', children: [] },
        ],
      },
    ]);
    expect(chart.roots[0]).toMatchObject({
      id: ids.ceo,
      title: '总经理',
      department: '总经办',
      decisionRole: 'decisionMaker',
    });
  });

  test('CUS-10 a user sees only the contacts they may read, and no hidden field', async () => {
    const r = await li.api.get(`/api/customers/${customer}/org-chart`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // 周总 and 王总工 are not li's: 吴经理 becomes a root and 王总工 is absent.
    expect(r.body.data.roots.map(shape)).toEqual([{ name: '吴经理', children: [{ name: '郑采购', children: [] }] }]);
    expect(r.body.data.count).toBe(2);
    const text = JSON.stringify(r.body);
    expect(text).not.toContain('周总');
    expect(text).not.toContain('王总工');
    expect(text).not.toContain('采购经理');
    expect(r.body.data.roots[0]).not.toHaveProperty('title');
    expect(r.body.data.roots[0].decisionRole).toBe('purchaser');
  });

  test('CUS-10 org chart of an unknown or unreadable customer is 404; bad parameters are refused', async () => {
    expect((await k.admin.get('/api/customers/99999999/org-chart')).status).toBe(404);
    expect((await k.admin.get('/api/customers/abc/org-chart')).status).toBe(404);
    const r = await k.admin.get(`/api/customers/${customer}/org-chart?depth=3`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('UNKNOWN_PARAMETER');
    const nobody = await k.user({ username: 'nobody', grants: { contact: { read: 'all' } } });
    expect((await nobody.api.get(`/api/customers/${customer}/org-chart`)).status).toBe(404);
  });
});

describe('CUS-10 reports-to cycles are refused', () => {
  test('CUS-10 reporting to oneself, A→B→A and longer loops are refused on reportsTo; a real move is accepted', async () => {
    const self = await k.admin.patch(`/api/objects/contact/${ids.ceo}`, { reportsTo: ids.ceo });
    expect(self.status).toBe(400);
    expect(self.body.error.fields).toEqual({ reportsTo: 'format' });
    // 吴经理 reports to 周总: 周总 reporting to 吴经理 would be A→B→A.
    const twoStep = await k.admin.patch(`/api/objects/contact/${ids.ceo}`, { reportsTo: ids.buyer });
    expect(twoStep.status).toBe(400);
    expect(twoStep.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { reportsTo: 'cycle' } });
    expect(twoStep.body.error.message).toContain('循环');
    // 郑采购 → 吴经理 → 周总: 周总 reporting to 郑采购 is a three-step loop.
    const threeStep = await k.admin.patch(`/api/objects/contact/${ids.ceo}`, { reportsTo: ids.clerk });
    expect(threeStep.body.error?.fields).toEqual({ reportsTo: 'cycle' });
    // The chain is checked whoever can read it: li cannot see 周总, still cannot close the loop through him.
    const hidden = await li.api.patch(`/api/objects/contact/${ids.buyer}`, { reportsTo: ids.clerk });
    expect(hidden.body.error?.fields).toEqual({ reportsTo: 'cycle' });
    const ceo = await k.admin.get(`/api/objects/contact/${ids.ceo}`);
    expect(ceo.body.data.reportsTo).toBeNull();
    const move = await k.admin.patch(`/api/objects/contact/${ids.clerk}`, { reportsTo: ids.cto });
    expect(move.status, JSON.stringify(move.body)).toBe(200);
    const chart = await k.admin.get(`/api/customers/${customer}/org-chart`);
    expect(chart.body.data.roots.map(shape)).toEqual([
      {
        name: '周总',
        children: [
          { name: '吴经理', children: [] },
          { name: '王总工', children: [{ name: '郑采购', children: [] }] },
        ],
      },
    ]);
  });
});
