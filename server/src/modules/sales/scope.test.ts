import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, createProcess, customer, getData, plainStages } from './test-kit.ts';

let k: TestKehu;
const who: Record<string, { id: number; api: ApiClient }> = {};
const opp: Record<string, number> = {};

// The catalogue is reference data every seller reads (as the starter roles grant it): a line may only name a
// product its writer can read (SEC-2).
const grants = (scope: string) =>
  ({ '*': { read: scope, create: 'own', update: scope }, product: { read: 'all' } }) as never;

beforeAll(async () => {
  k = await startKehu();
  await createProcess(k.admin, '标准流程', plainStages, true);
  const dept = (await create(k.admin, 'department', { name: '济南办事处', kind: 'office' })).id;
  who.boss = await k.user({ username: 'boss', department: dept, grants: grants('subordinates') });
  who.a = await k.user({ username: 'a', department: dept, manager: who.boss.id, grants: grants('own') });
  who.b = await k.user({ username: 'b', department: dept, manager: who.boss.id, grants: grants('own') });
  who.c = await k.user({ username: 'c', department: dept, grants: grants('own') });
  for (const [name, amount] of [
    ['a', 100_000],
    ['b', 200_000],
    ['c', 400_000],
  ] as const) {
    const owner = who[name].id;
    const cust = await customer(k.admin, `${name} 的客户`, { owner });
    opp[name] = (
      await create(k.admin, 'opportunity', {
        name: `${name} open`,
        customer: cust,
        owner,
        amount: String(amount),
        expectedCloseDate: '2030-06-10',
      })
    ).id;
    const won = await create(k.admin, 'opportunity', {
      name: `${name} won`,
      customer: cust,
      owner,
      amount: String(amount / 10),
    });
    await k.admin.patch(`/api/objects/opportunity/${won.id}`, { status: 'won', closedOn: '2030-06-01' });
    await create(k.admin, 'salesTarget', {
      level: 'salesperson',
      user: owner,
      year: 2030,
      metric: 'amount',
      tier1: '1000000',
    });
  }
}, 120_000);
afterAll(() => k?.close());

const total = async (api: ApiClient) => {
  const f = await getData(api, '/api/sales/forecast?period=2030-06');
  return [f.totals.optimistic.amount, f.totals.won.amount];
};

describe('SAL scopes: every figure is read through the access predicate', () => {
  test('SAL-4 a salesperson forecasts only their own opportunities; a manager includes subordinates', async () => {
    expect(await total(who.a.api)).toEqual(['100000.00', '10000.00']);
    expect(await total(who.boss.api)).toEqual(['300000.00', '30000.00']);
    expect(await total(who.c.api)).toEqual(['400000.00', '40000.00']);
    expect(await total(k.admin)).toEqual(['700000.00', '70000.00']);
    // Naming someone else's records as a filter does not widen the scope.
    const f = await getData(who.a.api, `/api/sales/forecast?period=2030-06&owner=${who.c.id}`);
    expect(f.totals.optimistic.amount).toBe('0.00');
  });

  test('SAL-2 the funnel and SAL-5 the analysis stay inside the scope', async () => {
    const counts = async (api: ApiClient) => (await getData(api, '/api/sales/funnel')).open.count;
    expect([await counts(who.a.api), await counts(who.boss.api), await counts(k.admin)]).toEqual([1, 2, 3]);
    const sales = async (api: ApiClient) =>
      (await getData(api, '/api/sales/analysis?by=owner&from=2030-01-01&to=2030-12-31')).rows.map(
        (r: any) => r.key.label,
      );
    expect(await sales(who.a.api)).toEqual(['a']);
    expect((await sales(who.boss.api)).sort()).toEqual(['a', 'b']);
    const abc = await getData(who.b.api, '/api/sales/analysis/abc?from=2030-01-01&to=2030-12-31');
    expect(abc.customers.map((x: any) => x.customer.label)).toEqual(['b 的客户']);
  });

  test('DLR-5 target roll-up: a salesperson sees their own branch, a manager their team', async () => {
    const names = (n: any): string[] => [n.subject?.label, ...n.children.flatMap(names)];
    const mine = await getData(who.a.api, '/api/sales/targets/rollup?period=2030');
    expect(mine.roots.flatMap(names).sort()).toEqual(['a', '济南办事处']);
    const team = await getData(who.boss.api, '/api/sales/targets/rollup?period=2030');
    expect(team.roots.flatMap(names).sort()).toEqual(['a', 'b', '济南办事处']);
    expect(team.roots[0].actual).toBe('30000.00');
  });

  test('SAL-1 parts and history of an opportunity outside the scope are out of reach', async () => {
    expect((await who.a.api.get(`/api/sales/opportunities/${opp.b}/stage-times`)).status).toBe(404);
    expect((await who.a.api.get(`/api/sales/opportunities/${opp.b}/requirements?status=won`)).status).toBe(404);
    const product = await create(k.admin, 'product', { code: 'X1', name: '厢式车', price: '100000' });
    const line = await who.a.api.post('/api/objects/opportunityLine', { opportunity: opp.b, product: product.id });
    expect(line.body.error.fields).toEqual({ opportunity: 'notFound' });
    const ok = await who.a.api.post('/api/objects/opportunityLine', { opportunity: opp.a, product: product.id });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.data.owner.id).toBe(who.a.id);
  });
});
