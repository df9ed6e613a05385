import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import {
  contact,
  customer,
  department,
  managerGrants,
  type Person,
  poolRule,
  salesGrants,
} from './ownership-test-kit.ts';

// Issue 12, finding 5: taking over any customer with a transfer request (CUS-8, SEC-2).
let k: TestKehu;
let bossB: Person; // the owner's manager
let li: Person; // B, the owner
let bossA: Person; // the requester's manager: no rights over li's customers
let reader: Person; // another manager of the requester's side who reads every customer but assigns only his own
let zhao: Person; // A, the requester
let wang: Person;

beforeAll(async () => {
  k = await startKehu();
  const east = await department(k, '华东大区');
  const north = await department(k, '华北大区');
  await poolRule(k, { name: '华东公海', department: east });
  bossB = await k.user({ username: 'bossB', department: east, grants: managerGrants });
  li = await k.user({ username: 'li', department: east, manager: bossB.id, grants: salesGrants });
  bossA = await k.user({ username: 'bossA', department: north, grants: managerGrants });
  reader = await k.user({
    username: 'reader',
    department: north,
    grants: { ...managerGrants, '*': { ...managerGrants['*'], read: 'all' } },
  });
  zhao = await k.user({ username: 'zhao', department: north, manager: bossA.id, grants: salesGrants });
  wang = await k.user({ username: 'wang', department: north, grants: salesGrants });
});
afterAll(() => k?.close());

const ownerOf = async (id: number) => (await k.admin.get(`/api/objects/customer/${id}`)).body.data.owner?.id;

/** A files a request from the conflict their own create attempt met (CUS-8: refused, then 申请转移). */
async function askAfterConflict(who: Person, name: string, reason = '客户主动来电') {
  const refused = await who.api.post('/api/objects/customer', { name, type: 'direct' });
  expect(refused.status, JSON.stringify(refused.body)).toBe(409);
  expect(refused.body.error.code).toBe('CUSTOMER_OWNED');
  const asked = await who.api.post(`/api/customers/${refused.body.error.params.customer}/transfer-requests`, {
    reason,
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  return asked.body.data.id as number;
}

describe('SEC-2 CUS-8 transfer requests cannot take over any customer', () => {
  test('SEC-2 CUS-8 a request for a customer the requester cannot read and has not met is refused like a missing id', async () => {
    const id = await customer(li.api, '青岛海晏重工机械有限公司');
    await contact(li.api, id, '孙伟');
    const tried = await zhao.api.post(`/api/customers/${id}/transfer-requests`, { reason: '试一试' });
    const missing = await zhao.api.post('/api/customers/987654321/transfer-requests', { reason: '试一试' });
    expect(tried.status).toBe(404);
    expect(tried.body).toEqual(missing.body);
    expect(tried.body.error.code).toBe('NOT_FOUND');
    const text = JSON.stringify(tried.body);
    for (const leak of ['li', '青岛海晏', String(li.id)]) expect(text).not.toContain(leak);
    // Nothing was filed, and a customer waiting in the pool is not told apart from a missing one either.
    const filed = await k.admin.list('customerTransferRequest', { filter: { field: 'customer', op: 'eq', value: id } });
    expect(filed.body.data).toEqual([]);
    const pooled = await customer(li.api, '潍坊盛达运输有限公司');
    expect((await li.api.post(`/api/customers/${pooled}/release`, {})).status).toBe(200);
    const inPool = await zhao.api.post(`/api/customers/${pooled}/transfer-requests`, { reason: '试一试' });
    expect(inPool.body).toEqual(missing.body);
  });

  test("SEC-2 CUS-8 the requester's own manager cannot approve the transfer of a colleague's customer; the owner's manager can", async () => {
    const id = await customer(li.api, '烟台蓬莱港务物流有限公司');
    const person = await contact(li.api, id, '钱明');
    const request = await askAfterConflict(zhao, '烟台蓬莱港务物流有限公司');
    // bossA sees his person's request, but may only turn it down: the customer is not on his side.
    const todoA = (await bossA.api.get('/api/customers/transfer-requests/to-decide')).body.data;
    expect(todoA.find((r: { id: number }) => r.id === request)).toMatchObject({ canApprove: false });
    for (const m of [bossA, reader]) {
      const no = await m.api.post(`/api/customers/transfer-requests/${request}/approve`, { comment: '同意' });
      expect(no.status).toBe(403);
      expect(no.body.error).toMatchObject({
        code: 'TRANSFER_APPROVAL_FORBIDDEN',
        message: '只有客户当前负责人一方有分配权限的主管或管理员可以批准转移',
      });
    }
    // Nothing moved: the customer, its contact and its history are still li's, and still closed to zhao.
    expect(await ownerOf(id)).toBe(li.id);
    expect((await k.admin.get(`/api/objects/contact/${person}`)).body.data.owner.id).toBe(li.id);
    expect((await zhao.api.get(`/api/objects/customer/${id}`)).status).toBe(404);
    expect((await zhao.api.get(`/api/objects/contact/${person}`)).status).toBe(404);
    expect((await zhao.api.get(`/api/objects/customer/${id}/history`)).status).toBe(404);
    const pending = await k.admin.get(`/api/objects/customerTransferRequest/${request}`);
    expect(pending.body.data.status).toBe('pending');

    // The owner's manager holds the rights over li's customer: his approval moves it, with the contact.
    const todoB = (await bossB.api.get('/api/customers/transfer-requests/to-decide')).body.data;
    expect(todoB.find((r: { id: number }) => r.id === request)).toMatchObject({ canApprove: true });
    const ok = await bossB.api.post(`/api/customers/transfer-requests/${request}/approve`, { comment: '同意' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'approved', decidedBy: { id: bossB.id }, moved: { contact: 1 } });
    expect(await ownerOf(id)).toBe(zhao.id);
    expect((await zhao.api.get(`/api/objects/contact/${person}`)).body.data.owner.id).toBe(zhao.id);
  });

  test("CUS-8 the requester's manager may still turn a request down", async () => {
    const id = await customer(li.api, '日照岚山钢铁物流有限公司');
    const request = await askAfterConflict(zhao, '日照岚山钢铁物流有限公司');
    const no = await bossA.api.post(`/api/customers/transfer-requests/${request}/reject`, { comment: '不要抢单' });
    expect(no.status, JSON.stringify(no.body)).toBe(200);
    expect(no.body.data).toMatchObject({ status: 'rejected', decidedBy: { id: bossA.id } });
    expect(await ownerOf(id)).toBe(li.id);
    // Someone unrelated who can read the request through nothing does not learn it exists.
    expect((await wang.api.post(`/api/customers/transfer-requests/${request}/reject`)).status).toBe(404);
  });

  test("CUS-8 a customer met in the form's check is asked for and an administrator approves it", async () => {
    const id = await customer(li.api, '威海华东数控物流有限公司');
    const check = await zhao.api.post('/api/customers/ownership-check', { name: '威海华东数控物流有限公司' });
    expect(check.body.data).toMatchObject({ customer: id, owner: 'li' });
    const asked = await zhao.api.post(`/api/customers/${id}/transfer-requests`, { reason: '展会上认识的' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    // Another person who never met the customer still cannot file for it.
    expect((await wang.api.post(`/api/customers/${id}/transfer-requests`, { reason: '我也要' })).status).toBe(404);
    const ok = await k.admin.post(`/api/customers/transfer-requests/${asked.body.data.id}/approve`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await ownerOf(id)).toBe(zhao.id);
  });

  test("CUS-8 the approval is checked on the customer as it stands: moved meanwhile, the old owner's manager cannot approve", async () => {
    const id = await customer(li.api, '临沂沂蒙山运输有限公司');
    const request = await askAfterConflict(zhao, '临沂沂蒙山运输有限公司');
    const moved = await k.admin.post('/api/customers/transfer', { ids: [id], toOwner: wang.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const no = await bossB.api.post(`/api/customers/transfer-requests/${request}/approve`);
    expect(no.body.error?.code).toBe('TRANSFER_APPROVAL_FORBIDDEN');
    expect(await ownerOf(id)).toBe(wang.id);
  });
});
