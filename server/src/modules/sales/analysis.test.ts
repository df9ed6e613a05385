import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, createProcess, customer, dealer, getData, plainStages } from './test-kit.ts';

let k: TestKehu;
let qian: number;
let p1: number;
const c: Record<string, number> = {};

beforeAll(async () => {
  k = await startKehu();
  await createProcess(k.admin, '标准流程', plainStages, true);
  const east = (await create(k.admin, 'department', { name: '华东大区', kind: 'region' })).id;
  const jn = (await create(k.admin, 'department', { name: '济南办事处', kind: 'office', parent: east })).id;
  qian = (await k.user({ username: 'qian', department: jn, grants: { '*': { read: 'own' } } })).id;
  c.jia = await customer(k.admin, '甲公司', { region: '山东省' });
  c.yi = await customer(k.admin, '乙公司', { region: '江苏省' });
  c.bing = await customer(k.admin, '丙公司', { region: '山东省' });
  c.ding = await customer(k.admin, '丁公司');
  c.wu = await customer(k.admin, '戊公司');
  const d = await dealer(k.admin, '临沂顺达汽车销售有限公司');
  p1 = (await create(k.admin, 'product', { code: 'P1', name: '冷藏车', price: '500000' })).id;
  const won = async (cust: number, amount: string | null, closedOn: string, extra: Record<string, unknown> = {}) => {
    const o = await create(k.admin, 'opportunity', {
      name: `${cust}-${closedOn}`,
      customer: cust,
      ...extra,
      ...(amount ? { amount } : {}),
    });
    if (!amount) await create(k.admin, 'opportunityLine', { opportunity: o.id, product: p1, quantity: 2 });
    const r = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { status: 'won', closedOn });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await won(c.jia, null, '2030-01-15', { owner: qian });
  await won(c.jia, '600000', '2030-02-10', { owner: qian });
  await won(c.yi, '200000', '2030-02-20');
  await won(c.bing, '100000', '2030-04-05', { dealer: d });
  await won(c.ding, '60000', '2030-04-06', { owner: qian });
  await won(c.wu, '40000', '2030-05-01');
  await won(c.yi, '500000', '2029-01-20', { owner: qian });
  await won(c.bing, '300000', '2029-12-20');
  await create(k.admin, 'opportunity', {
    name: '进行中',
    customer: c.wu,
    amount: '999999',
    expectedCloseDate: '2030-03-01',
  });
  const lost = await create(k.admin, 'opportunity', { name: '输单', customer: c.wu, amount: '999999' });
  await k.admin.patch(`/api/objects/opportunity/${lost.id}`, {
    status: 'lost',
    closeReason: 'price',
    closedOn: '2030-03-01',
  });
}, 120_000);
afterAll(() => k?.close());

const half = 'from=2030-01-01&to=2030-06-30';
const analysis = (q: string) => getData(k.admin, `/api/sales/analysis?${half}&${q}`);
const table = (a: any) => a.rows.map((r: any) => [r.key.label, r.amount, r.count]);

describe('SAL-5 sales analysis', () => {
  test('SAL-5 won sales by month, quarter and year, with drill-down', async () => {
    const m = await analysis('by=month');
    expect(table(m)).toEqual([
      ['2030-01', '1000000.00', 1],
      ['2030-02', '800000.00', 2],
      ['2030-04', '160000.00', 2],
      ['2030-05', '40000.00', 1],
    ]);
    expect(m.totals).toMatchObject({ amount: '2000000.00', count: 6 });
    const drill = await k.admin.list('opportunity', { filter: m.rows[1].filter });
    expect(drill.body.data).toHaveLength(2);
    expect(table(await analysis('by=quarter'))).toEqual([
      ['2030-Q1', '1800000.00', 3],
      ['2030-Q2', '200000.00', 3],
    ]);
    expect(table(await analysis('by=year'))).toEqual([['2030', '2000000.00', 6]]);
  });

  test('SAL-5 period comparison: the previous period and the same period a year before', async () => {
    const prev = await analysis('by=month&compare=previous');
    expect(prev.rows[0]).toMatchObject({ previous: { amount: '300000.00' }, change: 2.3333 });
    expect(prev.rows[1]).toMatchObject({ previous: { amount: '1000000.00' }, change: -0.2 });
    const ago = await analysis('by=month&compare=yearAgo');
    expect(ago.rows[0]).toMatchObject({ previous: { amount: '500000.00', count: 1 }, change: 1 });
    expect(ago.previousRange).toEqual({ from: '2029-01-01', to: '2029-06-30' });
    const byCustomer = await analysis('by=customer&compare=previous');
    expect(byCustomer.previousRange).toEqual({ from: '2029-07-01', to: '2029-12-31' });
    expect(byCustomer.totals).toMatchObject({ amount: '2000000.00', previous: { amount: '300000.00' } });
  });

  test('SAL-5 by customer, product, salesperson, region, province and dealer', async () => {
    expect(table(await analysis('by=customer'))).toEqual([
      ['甲公司', '1600000.00', 2],
      ['乙公司', '200000.00', 1],
      ['丙公司', '100000.00', 1],
      ['丁公司', '60000.00', 1],
      ['戊公司', '40000.00', 1],
    ]);
    const product = await analysis('by=product');
    expect(product.rows.map((r: any) => [r.key.label, r.amount, r.units])).toEqual([
      ['冷藏车', '1000000.00', '2'],
      [null, '1000000.00', '0'],
    ]);
    expect(table(await analysis('by=owner'))).toEqual([
      ['qian', '1660000.00', 3],
      ['系统管理员', '340000.00', 3],
    ]);
    expect(table(await analysis('by=region'))).toEqual([
      ['华东大区', '1660000.00', 3],
      [null, '340000.00', 3],
    ]);
    expect(table(await analysis('by=province'))).toEqual([
      ['山东省', '1700000.00', 3],
      ['江苏省', '200000.00', 1],
      [null, '100000.00', 2],
    ]);
    const dealers = await analysis('by=dealer');
    expect(dealers.rows.find((r: any) => r.key.label === '临沂顺达汽车销售有限公司').amount).toBe('100000.00');
    const region = (await analysis('by=region')).rows[0];
    expect((await k.admin.list('opportunity', { filter: region.filter })).body.data).toHaveLength(3);
  });

  test('SAL-5 ABC analysis: the few customers that make 80 % of sales', async () => {
    const abc = await getData(k.admin, `/api/sales/analysis/abc?${half}`);
    expect(abc.total).toMatchObject({ customers: 5, amount: '2000000.00' });
    expect(abc.classes).toEqual([
      { class: 'A', customers: 1, amount: '1600000.00', amountShare: 0.8, customerShare: 0.2 },
      { class: 'B', customers: 2, amount: '300000.00', amountShare: 0.15, customerShare: 0.4 },
      { class: 'C', customers: 2, amount: '100000.00', amountShare: 0.05, customerShare: 0.4 },
    ]);
    expect(abc.customers.map((x: any) => [x.rank, x.customer.label, x.class, x.cumulativeShare])).toEqual([
      [1, '甲公司', 'A', 0.8],
      [2, '乙公司', 'B', 0.9],
      [3, '丙公司', 'B', 0.95],
      [4, '丁公司', 'C', 0.98],
      [5, '戊公司', 'C', 1],
    ]);
    const strict = await getData(k.admin, `/api/sales/analysis/abc?${half}&a=50&b=90&limit=2`);
    expect(strict.customers).toHaveLength(2);
    expect(strict.classes.map((x: any) => x.customers)).toEqual([1, 1, 3]);
    expect((await k.admin.get(`/api/sales/analysis/abc?${half}&a=90&b=80`)).status).toBe(400);
  });
});
