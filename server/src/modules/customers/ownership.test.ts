import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { ownershipFollowers } from './ownership-followers.ts';
import {
  contact,
  creditCode,
  customer,
  department,
  managerGrants,
  type Person,
  poolRule,
  salesGrants,
} from './ownership-test-kit.ts';

let k: TestKehu;
let boss: Person;
let boss2: Person;
let li: Person;
let wang: Person;
let zhao: Person;

beforeAll(async () => {
  k = await startKehu();
  const east = await department(k, '华东大区');
  await poolRule(k, { name: '华东公海', department: east });
  boss = await k.user({ username: 'boss', department: east, grants: managerGrants });
  boss2 = await k.user({
    username: 'boss2',
    department: east,
    grants: { ...managerGrants, '*': { ...managerGrants['*'], read: 'all' } },
  });
  li = await k.user({ username: 'li', department: east, manager: boss.id, grants: salesGrants });
  wang = await k.user({ username: 'wang', department: east, manager: boss.id, grants: salesGrants });
  zhao = await k.user({ username: 'zhao', department: east, manager: boss2.id, grants: salesGrants });
});
afterAll(() => k?.close());

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('CUS-8 conflict check (撞单)', () => {
  test('CUS-8 creating a customer a colleague owns is refused with who owns it and since when', async () => {
    const code = creditCode('91370100MA3C5XQ2X');
    const id = await customer(li.api, '济南开乐专用车有限公司', { creditCode: code });
    const same = await wang.api.post('/api/objects/customer', { name: ' 济南开乐专用车 有限公司', type: 'direct' });
    expect(same.status).toBe(409);
    expect(same.body.error).toMatchObject({
      code: 'CUSTOMER_OWNED',
      message: `该客户已由li负责（自 ${today()} 起），不能重复创建或领取；如需跟进，请申请转移`,
      params: { customer: id, owner: 'li', ownerId: li.id, since: today() },
    });
    wang.api.locale = 'en-US';
    const byCode = await wang.api.post('/api/objects/customer', { name: '开乐汽车', type: 'direct', creditCode: code });
    wang.api.locale = 'zh-CN';
    expect(byCode.status).toBe(409);
    expect(byCode.body.error.message).toBe(
      `This customer is owned by li (since ${today()}); it cannot be created or claimed again. Request a transfer to work on it`,
    );
    // Full-width brackets and spaces do not make another company; a different name does.
    await customer(li.api, '开乐专用车（济南）有限公司');
    expect(
      (await wang.api.post('/api/objects/customer', { name: '开乐专用车(济南)有限公司', type: 'direct' })).status,
    ).toBe(409);
    await customer(wang.api, '济南开乐专用车销售服务有限公司');
    // The form asks the same question while the name is typed.
    const check = await wang.api.post('/api/customers/ownership-check', { name: '济南开乐专用车有限公司' });
    expect(check.body.data).toEqual({ customer: id, inPool: false, owner: 'li', ownerId: li.id, since: today() });
    expect(
      (await li.api.post('/api/customers/ownership-check', { name: '济南开乐专用车有限公司' })).body.data,
    ).toBeNull();
    // Renaming one's customer into a colleague's is the same conflict.
    const mine = await customer(wang.api, '历城环卫所');
    const rename = await wang.api.patch(`/api/objects/customer/${mine}`, { name: '济南开乐专用车有限公司' });
    expect(rename.body.error?.code).toBe('CUSTOMER_OWNED');
  });

  test('CUS-8 a customer waiting in the pool is claimed, not created again; claiming an owned one is refused', async () => {
    const id = await customer(li.api, '淄博齐鲁运输有限公司');
    expect((await li.api.post(`/api/customers/${id}/release`, {})).status).toBe(200);
    const dup = await wang.api.post('/api/objects/customer', { name: '淄博齐鲁运输有限公司', type: 'direct' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'CUSTOMER_IN_POOL', params: { customer: id } });
    expect((await wang.api.post(`/api/customers/${id}/claim`)).status).toBe(200);
    // zhao can read it (shared with him) but wang owns it now.
    await k.admin.post(`/api/objects/customer/${id}/shares`, { user: zhao.id, level: 'read' });
    const taken = await zhao.api.post(`/api/customers/${id}/claim`);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'CUSTOMER_OWNED', params: { owner: 'wang', since: today() } });
  });
});

describe('CUS-8 transfer requests', () => {
  test('CUS-8 the refused salesperson asks; both managers see it; approval moves the customer and contacts', async () => {
    const id = await customer(li.api, '东营胜利油田服务有限公司');
    const person = await contact(li.api, id, '周强');
    const refused = await zhao.api.post('/api/objects/customer', { name: '东营胜利油田服务有限公司', type: 'direct' });
    const asked = await zhao.api.post(`/api/customers/${refused.body.error.params.customer}/transfer-requests`, {
      reason: '客户主动联系我，要采购 3 台洒水车',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const request = asked.body.data;
    expect(request).toMatchObject({
      status: 'pending',
      owner: { id: zhao.id },
      currentOwner: { id: li.id },
      customer: { id },
    });
    const twice = await zhao.api.post(`/api/customers/${id}/transfer-requests`, { reason: '再问一次' });
    expect(twice.body.error.code).toBe('TRANSFER_REQUEST_PENDING');
    expect((await zhao.api.post(`/api/customers/${id}/transfer-requests`, {})).body.error.fields).toEqual({
      reason: 'required',
    });
    // The requester's manager (boss2) and the owner's manager (boss) both have it to decide; li does not.
    for (const m of [boss, boss2]) {
      const todo = await m.api.get('/api/customers/transfer-requests/to-decide');
      expect(todo.body.data.map((r: { id: number }) => r.id)).toContain(request.id);
    }
    expect((await li.api.get('/api/customers/transfer-requests/to-decide')).body.data).toEqual([]);
    expect((await li.api.post(`/api/customers/transfer-requests/${request.id}/approve`)).status).toBe(404);
    expect((await zhao.api.post(`/api/customers/transfer-requests/${request.id}/approve`)).status).toBe(403);
    // The engine event that notifications will hook into.
    const events = await sql<{ payload: Record<string, unknown> }>`select payload from sys_outbox
      where object = 'customer' and record_id = ${id} and action = 'transferRequested'`.execute(k.kehu.engine.db);
    expect(events.rows[0].payload).toMatchObject({ request: request.id, requestedBy: zhao.id, currentOwner: li.id });
    expect(events.rows[0].payload.managers).toEqual(expect.arrayContaining([boss.id, boss2.id]));

    const ok = await boss.api.post(`/api/customers/transfer-requests/${request.id}/approve`, { comment: '同意' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data).toMatchObject({ status: 'approved', decidedBy: { id: boss.id }, comment: '同意' });
    expect(ok.body.data.moved).toEqual({ contact: 1 });
    const now = (await zhao.api.get(`/api/objects/customer/${id}`)).body.data;
    expect(now).toMatchObject({ owner: { id: zhao.id }, lastOwner: { id: li.id } });
    expect((await zhao.api.get(`/api/objects/contact/${person}`)).body.data.owner).toMatchObject({ id: zhao.id });
    const again = await boss2.api.post(`/api/customers/transfer-requests/${request.id}/reject`);
    expect(again.body.error.code).toBe('TRANSFER_REQUEST_DECIDED');
  });

  test('CUS-8 a rejected request leaves the customer where it was', async () => {
    const id = await customer(li.api, '聊城鲁西化工物流有限公司');
    // zhao meets li's customer while typing it (the form's check), then asks for it.
    const met = await zhao.api.post('/api/customers/ownership-check', { name: '聊城鲁西化工物流有限公司' });
    expect(met.body.data).toMatchObject({ customer: id, owner: 'li' });
    const asked = await zhao.api.post(`/api/customers/${id}/transfer-requests`, { reason: '老客户介绍' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    // boss2 reads every customer but has no right to give li's away: he may only turn the request down.
    const approve = await boss2.api.post(`/api/customers/transfer-requests/${asked.body.data.id}/approve`);
    expect(approve.body.error?.code).toBe('TRANSFER_APPROVAL_FORBIDDEN');
    const no = await boss2.api.post(`/api/customers/transfer-requests/${asked.body.data.id}/reject`, {
      comment: '由原负责人继续跟进',
    });
    expect(no.status).toBe(200);
    expect(no.body.data).toMatchObject({ status: 'rejected', decidedBy: { id: boss2.id } });
    expect((await li.api.get(`/api/objects/customer/${id}`)).body.data.owner).toMatchObject({ id: li.id });
    // Requests are written only through these routes.
    expect((await zhao.api.post('/api/objects/customerTransferRequest', { customer: id, reason: 'x' })).status).toBe(
      403,
    );
  });
});

describe('CUS-7 assignment and transfer', () => {
  test('CUS-7 handover of a departing employee: every customer, contacts and open records, in one go', async () => {
    // An open-records follower as the sales and team modules will register them (here a custom object).
    const obj = await k.admin.post('/api/metadata/objects', {
      name: 'followUp',
      label: { 'zh-CN': '跟进事项' },
      fields: {
        title: { type: 'text', required: true },
        customer: { type: 'manyToOne', object: 'customer' },
        status: {
          type: 'picklist',
          options: [
            { value: 'open', label: { 'zh-CN': '进行中' } },
            { value: 'done', label: { 'zh-CN': '已完成' } },
          ],
        },
        owner: { type: 'owner' },
      },
    });
    expect(obj.status, JSON.stringify(obj.body)).toBe(201);
    ownershipFollowers.register({
      object: 'followUp',
      customerField: 'customer',
      openFilter: { field: 'status', op: 'eq', value: 'open' },
    });
    const leaver = await k.user({ username: 'leaver', manager: boss.id, grants: salesGrants });
    const a = await customer(leaver.api, '菏泽牡丹运输有限公司');
    const b = await customer(leaver.api, '德州乐陵环卫有限公司');
    await contact(leaver.api, a, '钱一');
    await contact(leaver.api, b, '钱二');
    const open = await leaver.api.post('/api/objects/followUp', { title: '报价', customer: a, status: 'open' });
    const done = await leaver.api.post('/api/objects/followUp', { title: '回访', customer: a, status: 'done' });

    const r = await boss.api.post('/api/customers/transfer', {
      fromOwner: leaver.id,
      toOwner: wang.id,
      withOpen: true,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toEqual({ customers: 2, moved: { contact: 2, followUp: 1 } });
    const owner = async (o: string, id: number) => (await k.admin.get(`/api/objects/${o}/${id}`)).body.data.owner?.id;
    expect(await owner('customer', a)).toBe(wang.id);
    expect(await owner('customer', b)).toBe(wang.id);
    expect(await owner('followUp', open.body.data.id)).toBe(wang.id);
    expect(await owner('followUp', done.body.data.id)).toBe(leaver.id);
    const history = await k.admin.get(`/api/objects/customer/${a}/history`);
    expect(history.body.data[0]).toMatchObject({
      actor: { id: boss.id },
      changes: { owner: [{ id: leaver.id }, { id: wang.id }] },
    });
    expect(history.body.data[0].changes.lastOwner[1]).toMatchObject({ id: leaver.id });
  });

  test("CUS-7 a bulk transfer is refused whole when one customer is not the caller's to move, naming it", async () => {
    const mine = await customer(zhao.api, '滨州黄河运输有限公司');
    const theirs = await customer(li.api, '莱芜钢城物流有限公司');
    // boss2 reads every customer but may only assign his own people's (zhao's).
    const r = await boss2.api.post('/api/customers/transfer', { ids: [mine, theirs], toOwner: zhao.id });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({
      code: 'TRANSFER_FORBIDDEN',
      message: expect.stringContaining('莱芜钢城物流有限公司'),
    });
    expect((await k.admin.get(`/api/objects/customer/${mine}`)).body.data.owner.id).toBe(zhao.id);
    // Customers the caller cannot see do not exist for them; receivers outside their scope are refused by name.
    expect((await boss.api.post('/api/customers/transfer', { ids: [mine], toOwner: li.id })).status).toBe(404);
    const outside = await boss.api.post('/api/customers/transfer', { ids: [theirs], toOwner: zhao.id });
    expect(outside.body.error).toMatchObject({
      code: 'TRANSFER_TARGET_FORBIDDEN',
      message: expect.stringContaining('zhao'),
    });
    // A salesperson cannot assign at all; bad input is named.
    expect((await li.api.post('/api/customers/transfer', { ids: [theirs], toOwner: wang.id })).status).toBe(403);
    const bad = await boss.api.post('/api/customers/transfer', { ids: [theirs], toOwner: 'wang' });
    expect(bad.body.error.fields).toMatchObject({ toOwner: 'type' });
    // One customer, assigned by the manager: fine.
    const one = await boss.api.post('/api/customers/transfer', { ids: [theirs], toOwner: wang.id });
    expect(one.body.data).toEqual({ customers: 1, moved: {} });
  });
});
