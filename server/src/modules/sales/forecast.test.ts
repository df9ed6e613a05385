import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, createProcess, customer, getData, plainStages } from './test-kit.ts';

let k: TestKehu;
const ids: Record<string, number> = {};
let wang: number;
let li: number;
let east: number;
let p1: number;
let p2: number;

const seller = { '*': { read: 'own', create: 'own', update: 'own' } } as const;

beforeAll(async () => {
  k = await startKehu();
  const proc = await createProcess(k.admin, '标准流程', plainStages, true);
  const [s1, s2, s3, s4] = proc.stages;
  east = (await create(k.admin, 'department', { name: '华东大区', kind: 'region' })).id;
  const west = (await create(k.admin, 'department', { name: '西南大区', kind: 'region' })).id;
  wang = (await k.user({ username: 'wang', department: east, grants: seller })).id;
  li = (await k.user({ username: 'li', department: west, grants: seller })).id;
  const cust = await customer(k.admin, '成都城投环境集团有限公司');
  p1 = (await create(k.admin, 'product', { code: 'P1', name: '压缩式垃圾车', price: '500000' })).id;
  p2 = (await create(k.admin, 'product', { code: 'P2', name: '洗扫车', price: '500000' })).id;
  const opp = async (key: string, body: Record<string, unknown>) => {
    ids[key] = (await create(k.admin, 'opportunity', { name: key, customer: cust, ...body })).id;
  };
  const june = '2030-06-20';
  await opp('A', { owner: wang, stage: s4, expectedCloseDate: june });
  await create(k.admin, 'opportunityLine', { opportunity: ids.A, product: p1, quantity: 2 });
  await opp('B', { owner: wang, stage: s2, amount: '500000', committed: true, expectedCloseDate: june });
  await opp('C', { owner: li, stage: s1, expectedCloseDate: '2030-06-01' });
  await create(k.admin, 'opportunityLine', { opportunity: ids.C, product: p2, quantity: 4 });
  await opp('D', { owner: li, stage: s3, amount: '400000', expectedCloseDate: '2030-07-02' });
  await opp('E', { owner: wang, amount: '300000', status: 'won', closedOn: '2030-06-15', expectedCloseDate: june });
  await opp('F', { owner: li, amount: '900000', status: 'lost', closeReason: 'price', closedOn: '2030-06-10' });
  await opp('G', { owner: li, amount: '700000', status: 'won', closedOn: '2030-05-20' });
  await create(k.admin, 'salesTarget', { level: 'company', year: 2030, month: 6, metric: 'amount', tier1: '2000000' });
  await create(k.admin, 'salesTarget', {
    level: 'salesperson',
    user: wang,
    year: 2030,
    metric: 'amount',
    tier1: '12000000',
    tier2: '15000000',
  });
}, 90_000);
afterAll(() => k?.close());

const forecast = (q: string) => getData(k.admin, `/api/sales/forecast?${q}`);
const amounts = (row: any) => [row.won.amount, row.pessimistic.amount, row.normal.amount, row.optimistic.amount];

async function drill(filter: unknown): Promise<string[]> {
  const r = await k.admin.list('opportunity', { filter, limit: '100' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data.map((o: any) => o.name).sort();
}

describe('SAL-4 forecast', () => {
  test('SAL-4 a month: pessimistic (committed or ≥ 80 %), normal (weighted), optimistic (all open), won; beside the target', async () => {
    const f = await forecast('period=2030-06');
    expect(f.period).toMatchObject({ from: '2030-06-01', to: '2030-06-30', kind: 'month' });
    expect(amounts(f.totals)).toEqual(['300000.00', '1500000.00', '1150000.00', '3500000.00']);
    expect([f.totals.won.count, f.totals.pessimistic.count, f.totals.normal.count]).toEqual([1, 2, 3]);
    expect(f.totals.expected).toEqual({ pessimistic: '1800000.00', normal: '1450000.00', optimistic: '3800000.00' });
    expect(f.totals.target).toMatchObject({ tier1: '2000000.00' });
    // Every figure drills to exactly the opportunities behind it.
    expect(await drill(f.totals.pessimistic.filter)).toEqual(['A', 'B']);
    expect(await drill(f.totals.normal.filter)).toEqual(['A', 'B', 'C']);
    expect(await drill(f.totals.won.filter)).toEqual(['E']);
  });

  test('SAL-4 a quarter and a year take in what closes or was won across them', async () => {
    const q = await forecast('period=2030-Q2');
    expect(amounts(q.totals)).toEqual(['1000000.00', '1500000.00', '1150000.00', '3500000.00']);
    const y = await forecast('period=2030');
    expect(amounts(y.totals)).toEqual(['1000000.00', '1500000.00', '1390000.00', '3900000.00']);
    expect(await drill(y.totals.optimistic.filter)).toEqual(['A', 'B', 'C', 'D']);
  });

  test('SAL-4 grouped by owner, department and product, each row with its drill-down and target', async () => {
    const byOwner = await forecast('period=2030-06&groupBy=owner');
    const rows = Object.fromEntries(byOwner.rows.map((r: any) => [r.key.label, r]));
    expect(amounts(rows.wang)).toEqual(['300000.00', '1500000.00', '950000.00', '1500000.00']);
    expect(amounts(rows.li)).toEqual(['0.00', '0.00', '200000.00', '2000000.00']);
    // The annual salesperson target, pro rata for a month.
    expect(rows.wang.target).toMatchObject({ tier1: '1000000.00', tier2: '1250000.00', prorated: true });
    expect(await drill(rows.li.optimistic.filter)).toEqual(['C']);
    const byDept = await forecast('period=2030-06&groupBy=department');
    expect(byDept.rows.map((r: any) => [r.key.label, r.optimistic.amount])).toEqual([
      ['华东大区', '1500000.00'],
      ['西南大区', '2000000.00'],
    ]);
    const byProduct = await forecast('period=2030-06&groupBy=product');
    const prod = Object.fromEntries(byProduct.rows.map((r: any) => [r.key.label ?? '-', r]));
    expect(amounts(prod.压缩式垃圾车)).toEqual(['0.00', '1000000.00', '800000.00', '1000000.00']);
    expect(amounts(prod.洗扫车)).toEqual(['0.00', '0.00', '200000.00', '2000000.00']);
    expect(amounts(prod['-'])).toEqual(['300000.00', '500000.00', '150000.00', '500000.00']);
    expect(await drill(prod.洗扫车.normal.filter)).toEqual(['C']);
  });

  test('SAL-4 filters narrow every figure: by owner, department, product', async () => {
    expect(amounts((await forecast(`period=2030-06&owner=${li}`)).totals)).toEqual([
      '0.00',
      '0.00',
      '200000.00',
      '2000000.00',
    ]);
    expect((await forecast(`period=2030-06&department=${east}`)).totals.optimistic.amount).toBe('1500000.00');
    expect((await forecast(`period=2030-06&product=${p1}`)).totals.optimistic.amount).toBe('1000000.00');
  });

  test('SAL-4 bad parameters are refused', async () => {
    expect((await k.admin.get('/api/sales/forecast?period=2030-13')).body.error.code).toBe('BAD_REQUEST');
    expect((await k.admin.get('/api/sales/forecast?period=2030&groupBy=colour')).body.error.code).toBe('BAD_REQUEST');
    expect((await k.admin.get('/api/sales/forecast?period=2030&nope=1')).body.error.code).toBe('UNKNOWN_PARAMETER');
  });
});
