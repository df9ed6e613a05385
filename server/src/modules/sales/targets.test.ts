import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, createProcess, customer, dealer, getData, plainStages } from './test-kit.ts';

let k: TestKehu;
const dept: Record<string, number> = {};
const user: Record<string, number> = {};
let theDealer: number;

const seller = { '*': { read: 'own', create: 'own', update: 'own' } } as const;

beforeAll(async () => {
  k = await startKehu();
  await createProcess(k.admin, '标准流程', plainStages, true);
  const hq = await k.admin.list('department', { filter: { field: 'code', op: 'eq', value: 'HQ' } });
  dept.hq = hq.body.data[0].id;
  dept.east = (await create(k.admin, 'department', { name: '华东大区', kind: 'region', parent: dept.hq })).id;
  dept.jn = (await create(k.admin, 'department', { name: '济南办事处', kind: 'office', parent: dept.east })).id;
  dept.nj = (await create(k.admin, 'department', { name: '南京办事处', kind: 'office', parent: dept.east })).id;
  for (const [name, d] of [
    ['zhang', dept.jn],
    ['wu', dept.jn],
    ['sun', dept.nj],
  ] as const)
    user[name] = (await k.user({ username: name, department: d, grants: seller })).id;
  theDealer = await dealer(k.admin, '济南鲁通汽车销售有限公司');
  const cust = await customer(k.admin, '山东高速物流集团有限公司');
  const product = (await create(k.admin, 'product', { code: 'KL5250JSQ', name: '随车吊', price: '800000' })).id;
  const won = async (owner: number, amount: string | null, closedOn: string, extra: Record<string, unknown> = {}) => {
    const o = await create(k.admin, 'opportunity', {
      name: `${owner}-${closedOn}`,
      customer: cust,
      owner,
      ...extra,
      ...(amount ? { amount } : {}),
    });
    if (!amount) await create(k.admin, 'opportunityLine', { opportunity: o.id, product, quantity: 4 });
    const r = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { status: 'won', closedOn });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await won(user.zhang, null, '2030-03-10', { dealer: theDealer });
  await won(user.wu, '800000', '2030-05-01');
  await won(user.sun, '2500000', '2030-11-30');
  await won(user.zhang, '1000000', '2029-12-31');
  const t = (body: Record<string, unknown>) =>
    create(k.admin, 'salesTarget', { year: 2030, metric: 'amount', ...body });
  await t({ level: 'company', tier1: '10000000' });
  await t({ level: 'region', department: dept.east, tier1: '8000000', tier2: '9000000', tier3: '10000000', rate1: 1 });
  await t({ level: 'office', department: dept.jn, tier1: '5000000' });
  await t({
    level: 'salesperson',
    user: user.zhang,
    tier1: '2000000',
    tier2: '3000000',
    tier3: '4000000',
    rate1: 1,
    rate2: 1.5,
    rate3: 2,
  });
  await t({ level: 'salesperson', user: user.wu, tier1: '1000000' });
  await t({ level: 'salesperson', user: user.sun, tier1: '1500000', tier2: '2000000' });
  await t({ level: 'dealer', dealer: theDealer, department: dept.jn, tier1: '500000', rate1: 2 });
  await t({ level: 'salesperson', user: user.zhang, metric: 'units', tier1: '3', tier2: '5' });
}, 120_000);
afterAll(() => k?.close());

type Node = Record<string, any> & { children: Node[] };
const find = (nodes: Node[], label: string): Node | undefined => {
  for (const n of nodes) {
    if (n.subject?.label === label) return n;
    const hit = find(n.children, label);
    if (hit) return hit;
  }
  return undefined;
};

describe('DLR-5 targets', () => {
  test('DLR-5 achievement and tier reached per salesperson, from won opportunities of the period', async () => {
    const r = await getData(k.admin, '/api/sales/targets/rollup?period=2030&metric=amount');
    expect(r.actualsSource).toBe('wonOpportunities');
    const zhang = find(r.roots, 'zhang')!;
    expect(zhang).toMatchObject({
      actual: '3200000.00',
      achievement: 1.6,
      tierReached: 2,
      commissionRate: 1.5,
      commission: '48000.00',
    });
    expect(find(r.roots, 'wu')).toMatchObject({
      actual: '800000.00',
      achievement: 0.8,
      tierReached: 0,
      commission: null,
    });
    expect(find(r.roots, 'sun')).toMatchObject({ actual: '2500000.00', tierReached: 2 });
    const d = find(r.roots, '济南鲁通汽车销售有限公司')!;
    expect(d).toMatchObject({ type: 'dealer', actual: '3200000.00', tierReached: 1, commission: '64000.00' });
  });

  test('DLR-5 roll-up company → region → office/dealer → salesperson', async () => {
    const r = await getData(k.admin, '/api/sales/targets/rollup?period=2030');
    expect(r.roots.map((n: Node) => [n.subject.label, n.level])).toEqual([['总部', 'company']]);
    const hq = r.roots[0];
    expect(hq).toMatchObject({ actual: '6500000.00', achievement: 0.65, target: { tier1: '10000000.00' } });
    const east = find(r.roots, '华东大区')!;
    expect(east).toMatchObject({ level: 'region', actual: '6500000.00', achievement: 0.8125, tierReached: 0 });
    expect(east.childTarget.tier1).toBe('6500000.00');
    const jn = find(r.roots, '济南办事处')!;
    expect(jn.children.map((c: Node) => [c.type, c.subject.label]).sort()).toEqual([
      ['dealer', '济南鲁通汽车销售有限公司'],
      ['salesperson', 'wu'],
      ['salesperson', 'zhang'],
    ]);
    expect(jn).toMatchObject({ actual: '4000000.00', achievement: 0.8, target: { tier1: '5000000.00' } });
    // Dealers sell through salespeople: their targets are shown, not added to the office's.
    expect(jn.childTarget.tier1).toBe('3000000.00');
    const nj = find(r.roots, '南京办事处')!;
    expect(nj).toMatchObject({
      target: null,
      achievement: 1.6667,
      tierReached: 2,
      childTarget: { tier1: '1500000.00', tier2: '2000000.00' },
    });
  });

  test('DLR-5 a month uses monthly targets, else the annual one pro rata; units and collections', async () => {
    const march = await getData(k.admin, '/api/sales/targets/rollup?period=2030-03');
    expect(find(march.roots, 'zhang')).toMatchObject({
      actual: '3200000.00',
      target: { tier1: '166666.67', prorated: true },
    });
    expect(find(march.roots, 'wu')!.actual).toBe('0.00');
    const units = await getData(k.admin, '/api/sales/targets/rollup?period=2030&metric=units');
    expect(find(units.roots, 'zhang')).toMatchObject({ actual: '4.00', tierReached: 1 });
    const collections = await getData(k.admin, '/api/sales/targets/rollup?period=2030&metric=collections');
    expect(collections.actualsSource).toBeNull();
    expect((await k.admin.get('/api/sales/targets/rollup?period=2030&metric=profit')).status).toBe(400);
  });
});
