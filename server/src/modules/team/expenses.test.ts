import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, type Team, team } from './test-kit.ts';

let k: TestKehu;
let t: Team;

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'exp');
});
afterAll(() => k?.close());

/** The manager decides the expense's approval (费用报销, installed on the first start) from 待我审批. */
async function decide(id: number, action: 'approve' | 'reject') {
  const todo = (await t.manager.api.get('/api/approvals/inbox?box=todo')).body.data.items;
  const item = todo.find((i: { object: string; recordId: number }) => i.object === 'expense' && i.recordId === id);
  expect(item, 'the manager has the expense to approve').toBeTruthy();
  const r = await t.manager.api.post(`/api/approvals/tasks/${item.taskId}/${action}`, { comment: '核对无误' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('TEAM-6 expenses', () => {
  test('TEAM-6 WF-3 an expense is submitted, withdrawn, approved by the manager through 费用报销 and paid by someone else', async () => {
    const c = await create(t.li.api, 'customer', { name: '德州新能环卫有限公司' });
    const visit = await create(t.li.api, 'activity', { type: 'visit', subject: '拜访', customer: c.id });
    const neg = await t.li.api.post('/api/objects/expense', { date: '2025-04-02', category: 'travel', amount: '-1' });
    expect(neg.body.error.fields).toEqual({ amount: 'tooSmall' });
    const forced = await t.li.api.post('/api/objects/expense', {
      date: '2025-04-02',
      category: 'travel',
      amount: '1',
      status: 'approved',
    });
    expect(forced.body.error.fields).toEqual({ status: 'readOnly' });

    const e = await create(t.li.api, 'expense', {
      date: '2025-04-02',
      category: 'travel',
      amount: '860.50',
      description: '济南—德州 高铁往返',
      customer: c.id,
      activity: visit.id,
    });
    expect(e).toMatchObject({ status: 'draft', amount: '860.50', activity: { id: visit.id } });
    expect(e.code).toMatch(/^FY\d{10}$/);

    const sent = await t.li.api.post(`/api/expenses/${e.id}/submit`);
    expect(sent.status).toBe(200);
    expect(sent.body.data.status).toBe('submitted');
    const edit = await t.li.api.patch(`/api/objects/expense/${e.id}`, { amount: '900' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('EXPENSE_LOCKED');
    expect((await t.li.api.post(`/api/expenses/${e.id}/withdraw`)).body.data.status).toBe('draft');
    expect((await t.li.api.patch(`/api/objects/expense/${e.id}`, { amount: '900' })).body.data.amount).toBe('900.00');
    // Someone else's expense: not even visible.
    expect((await t.wang.api.post(`/api/expenses/${e.id}/submit`)).status).toBe(404);

    await t.li.api.post(`/api/expenses/${e.id}/submit`);
    await decide(e.id, 'approve');
    expect((await t.li.api.get(`/api/objects/expense/${e.id}`)).body.data.status).toBe('approved');
    for (const r of [
      await t.li.api.patch(`/api/objects/expense/${e.id}`, { description: '改' }),
      await t.manager.api.patch(`/api/objects/expense/${e.id}`, { amount: '1' }),
      await t.li.api.delete(`/api/objects/expense/${e.id}`),
      await t.li.api.post(`/api/expenses/${e.id}/withdraw`),
    ]) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('EXPENSE_LOCKED');
    }
    // The claimant does not pay themself; the manager (who may change the expense) does.
    expect((await t.li.api.post(`/api/expenses/${e.id}/pay`)).status).toBe(403);
    expect((await t.manager.api.post(`/api/expenses/${e.id}/pay`)).body.data.status).toBe('paid');
    const again = await t.manager.api.post(`/api/expenses/${e.id}/pay`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXPENSE_LOCKED');
  });

  test("TEAM-6 statistics per object, person and period come from the engine's group-by", async () => {
    const c1 = await create(t.manager.api, 'customer', { name: '泰安东岳市政工程有限公司' });
    const spend = (api: typeof t.li.api, date: string, category: string, amount: string, customer?: number) =>
      create(api, 'expense', { date, category, amount, customer });
    await spend(t.li.api, '2025-05-03', 'meals', '120.00');
    await spend(t.li.api, '2025-05-20', 'travel', '300.00');
    await spend(t.li.api, '2025-06-02', 'travel', '80.00');
    await spend(t.wang.api, '2025-05-10', 'gifts', '500.00');
    await spend(t.manager.api, '2025-06-15', 'entertainment', '1000.00', c1.id);
    await spend(t.zhao.api, '2025-05-15', 'travel', '999.00');
    const period = encodeURIComponent(
      JSON.stringify({ field: 'date', op: 'between', value: ['2025-05-01', '2025-06-30'] }),
    );
    const group = (api: typeof t.li.api, by: string) =>
      api.get(`/api/objects/expense/group?by=${by}&measures=sum:amount&sort=key&filter=${period}`);

    const byPerson = await group(t.manager.api, 'owner');
    expect(byPerson.status, JSON.stringify(byPerson.body)).toBe(200);
    const sums = Object.fromEntries(
      byPerson.body.data.map((g: { key: { owner: { id: number } }; 'sum:amount': string }) => [
        g.key.owner.id,
        g['sum:amount'],
      ]),
    );
    // The manager's department only: Zhao's expense is outside the manager's scope.
    expect(sums).toEqual({ [t.li.id]: '500.00', [t.wang.id]: '500.00', [t.manager.id]: '1000.00' });
    expect(byPerson.body.totals['sum:amount']).toBe('2000.00');

    const byMonth = await group(t.manager.api, 'date:month');
    expect(byMonth.body.data.map((g: Record<string, unknown>) => g['sum:amount'])).toEqual(['920.00', '1080.00']);
    const byCustomer = await group(t.manager.api, 'customer');
    expect(
      byCustomer.body.data.find((g: { key: { customer: { id: number } | null } }) => g.key.customer?.id === c1.id),
    ).toMatchObject({
      count: 1,
      'sum:amount': '1000.00',
    });
    const liOnly = await group(t.li.api, 'category');
    expect(liOnly.body.totals['sum:amount']).toBe('500.00');
  });
});
