import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, createProcess, customer, dealer, getData, patch, plainStages } from './test-kit.ts';

let k: TestKehu;
let proc: { id: number; stages: number[] };
let other: number;
let theDealer: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  k = await startKehu();
  proc = await createProcess(k.admin, '标准流程', plainStages, true);
  const cust = await customer(k.admin, '淄博新能源物流有限公司');
  theDealer = await dealer(k.admin, '临沂华盛汽车销售有限公司');
  other = (await k.user({ username: 'zhao', grants: { '*': { read: 'own', create: 'own', update: 'own' } } })).id;
  const [, s2, s3, s4] = proc.stages;
  const path = async (key: string, stages: number[], body: Record<string, unknown> = {}) => {
    const o = await create(k.admin, 'opportunity', {
      name: key,
      customer: cust,
      expectedCloseDate: '2030-03-01',
      ...body,
    });
    for (const s of stages) await patch(k.admin, 'opportunity', o.id, { stage: s });
    ids[key] = o.id;
  };
  await path('O1', [s2, s3, s4], { amount: '1000000' });
  await patch(k.admin, 'opportunity', ids.O1, { status: 'won' });
  await path('O2', [s2, s3], { amount: '100000' });
  await path('O3', [s2], { amount: '50000' });
  await patch(k.admin, 'opportunity', ids.O3, { status: 'lost', closeReason: 'budget' });
  await path('O4', [], { amount: '200000', expectedCloseDate: '2031-01-10', dealer: theDealer });
  await path('O5', [s2, s3, s2], { amount: '300000' });
}, 90_000);
afterAll(() => k?.close());

const funnel = (q = '') => getData(k.admin, `/api/sales/funnel${q ? `?${q}` : ''}`);

describe('SAL-2 funnel', () => {
  test('SAL-2 open count and amount per stage, and won / lost beside them', async () => {
    const f = await funnel();
    expect(f.process).toEqual({ id: proc.id, label: '标准流程' });
    expect(f.stages.map((s: any) => [s.stage.label, s.count, s.amount])).toEqual([
      ['初步接触', 1, '200000.00'],
      ['需求确认', 1, '300000.00'],
      ['方案报价', 1, '100000.00'],
      ['商务谈判', 0, '0.00'],
    ]);
    expect(f.stages[1].weightedAmount).toBe('90000.00');
    expect([f.won.count, f.won.amount, f.lost.count, f.abandoned.count]).toEqual([1, '1000000.00', 1, 0]);
    expect(f.open).toMatchObject({ count: 3, amount: '600000.00' });
    const drill = await k.admin.list('opportunity', { filter: f.stages[1].filter });
    expect(drill.body.data.map((o: any) => o.name)).toEqual(['O5']);
  });

  test('SAL-2 conversion between stages comes from the stage-change history (moving back keeps what was reached)', async () => {
    const f = await funnel();
    expect(f.stages.map((s: any) => s.reached)).toEqual([5, 4, 3, 1]);
    expect(f.stages.map((s: any) => s.conversion)).toEqual([0.8, 0.75, 0.3333, 1]);
    expect(f.winRate).toBe(0.2);
    expect(f.stages[0].avgDays).toBeGreaterThanOrEqual(0);
  });

  test('SAL-2 filters: owner, dealer, period (expected close date), process', async () => {
    const o = await create(k.admin, 'opportunity', {
      name: 'O6',
      customer: await customer(k.admin, '赵的客户'),
      owner: other,
    });
    const mine = await funnel(`owner=${other}`);
    expect(mine.stages.map((s: any) => s.count)).toEqual([1, 0, 0, 0]);
    expect(mine.stages[0].reached).toBe(1);
    const viaDealer = await funnel(`dealer=${theDealer}`);
    expect(viaDealer.open.count).toBe(1);
    const jan = await funnel('from=2031-01-01&to=2031-01-31');
    expect([jan.open.count, jan.won.count]).toEqual([1, 0]);
    const tender = await createProcess(k.admin, '招投标', [{ name: '投标', probability: 50 }]);
    await patch(k.admin, 'opportunity', o.id, { process: tender.id });
    const t = await funnel(`process=${tender.id}`);
    expect(t.stages.map((s: any) => [s.stage.label, s.count])).toEqual([['投标', 1]]);
    expect((await k.admin.get('/api/sales/funnel?from=2031-01-01')).body.error.code).toBe('BAD_REQUEST');
  });
});
