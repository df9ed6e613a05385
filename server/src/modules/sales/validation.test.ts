import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, createProcess, customer, dealer, getData, patch, plainStages } from './test-kit.ts';

let k: TestKehu;
let cust: number;

beforeAll(async () => {
  k = await startKehu();
  await createProcess(k.admin, '标准流程', plainStages, true);
  cust = await customer(k.admin, '烟台港务集团有限公司');
}, 60_000);
afterAll(() => k?.close());

const post = (object: string, body: Record<string, unknown>) => k.admin.post(`/api/objects/${object}`, body);

describe('SAL-1 bad input is refused with field errors', () => {
  test('SAL-1 negative amounts and probabilities outside 0–100 name the field', async () => {
    const r = await post('opportunity', { name: 'x', customer: cust, amount: '-1', probability: 101 });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual({ amount: 'tooSmall', probability: 'tooLarge' });
    const low = await post('opportunity', { name: 'x', customer: cust, probability: -5 });
    expect(low.body.error.fields).toEqual({ probability: 'tooSmall' });
    const p = await create(k.admin, 'product', { code: 'KL5180GSS', name: '洒水车', price: '236000' });
    expect((await post('product', { code: 'NEG', name: '负价', price: '-10' })).body.error.fields).toEqual({
      price: 'tooSmall',
    });
    const o = await create(k.admin, 'opportunity', { name: '洒水车', customer: cust });
    const line = await post('opportunityLine', { opportunity: o.id, product: p.id, quantity: 0, unitPrice: '-1' });
    expect(line.body.error.fields).toEqual({ quantity: 'tooSmall', unitPrice: 'tooSmall' });
  });

  test('SAL-1 an open opportunity with a close date in the past is accepted and flagged in `warnings`', async () => {
    const o = await create(k.admin, 'opportunity', { name: '过期', customer: cust, expectedCloseDate: '2020-01-31' });
    expect(o.warnings).toEqual(['closeDatePast']);
    const later = await patch(k.admin, 'opportunity', o.id, { expectedCloseDate: '2099-12-31' });
    expect(later.warnings).toEqual([]);
    const back = await patch(k.admin, 'opportunity', o.id, { expectedCloseDate: '2020-01-31' });
    expect(back.warnings).toEqual(['closeDatePast']);
    // A closed opportunity is not late; the list can filter the flagged ones.
    const lost = await patch(k.admin, 'opportunity', o.id, { status: 'abandoned', closeReason: 'budget' });
    expect(lost.warnings).toEqual([]);
    const meta = await getData(k.admin, '/api/metadata/objects/opportunity');
    const field = meta.fields.find ? meta.fields.find((f: any) => f.name === 'warnings') : meta.fields.warnings;
    expect(JSON.stringify(field)).toContain('预计成交日期已过');
  });

  test('SAL-1 the amount follows the product lines; unit prices default to the list price', async () => {
    const p1 = await create(k.admin, 'product', {
      code: 'KL5040XLC',
      name: '轻型冷藏车',
      model: 'KL5040XLC',
      price: '218000',
    });
    const p2 = await create(k.admin, 'product', { code: 'KL-FW-BY', name: '保养服务', price: '12000', unit: 'item' });
    const o = await create(k.admin, 'opportunity', { name: '冷藏车带保养', customer: cust, amount: '1' });
    const l1 = await create(k.admin, 'opportunityLine', { opportunity: o.id, product: p1.id, quantity: 3 });
    expect(l1).toMatchObject({ unitPrice: '218000.00', amount: '654000.00', name: '轻型冷藏车 KL5040XLC' });
    const l2 = await create(k.admin, 'opportunityLine', {
      opportunity: o.id,
      product: p2.id,
      quantity: 3,
      unitPrice: '10000',
    });
    let now = await getData(k.admin, `/api/objects/opportunity/${o.id}`);
    expect(now.amount).toBe('684000.00');
    expect(now.products.map((x: any) => x.id).sort()).toEqual([p1.id, p2.id].sort());
    const r = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { amount: '5' });
    expect(r.body.error.fields).toEqual({ amount: 'readOnly' });
    expect((await k.admin.delete(`/api/objects/opportunityLine/${l2.id}`)).status).toBe(200);
    now = await getData(k.admin, `/api/objects/opportunity/${o.id}`);
    expect([now.amount, now.products.length]).toEqual(['654000.00', 1]);
    expect(now.weightedAmount).toBe('65400.00');
  });

  test('SAL-6 competitors are customers of type competitor; the dealer of an opportunity is a dealer', async () => {
    const rival = await customer(k.admin, '程力专用汽车股份有限公司', { type: 'competitor' });
    const o = await create(k.admin, 'opportunity', { name: '竞争', customer: cust });
    const bad = await post('opportunityCompetitor', { opportunity: o.id, competitor: cust });
    expect(bad.body.error.fields).toEqual({ competitor: 'invalidOption' });
    const ok = await create(k.admin, 'opportunityCompetitor', {
      opportunity: o.id,
      competitor: rival,
      price: '200000',
      threat: 'high',
    });
    expect(ok.name).toBe('程力专用汽车股份有限公司');
    const notDealer = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { dealer: cust });
    expect(notDealer.body.error.fields).toEqual({ dealer: 'invalidOption' });
    const d = await dealer(k.admin, '潍坊鼎盛汽车贸易有限公司');
    expect((await patch(k.admin, 'opportunity', o.id, { dealer: d })).dealer.id).toBe(d);
    const lost = await patch(k.admin, 'opportunity', o.id, {
      status: 'lost',
      closeReason: 'competitor',
      lostTo: rival,
    });
    expect(lost.lostTo.id).toBe(rival);
  });

  test('DLR-5 targets: tier 2 below tier 1 and tier 3 below tier 2 are refused, in both languages', async () => {
    const base = { level: 'company', year: 2025, metric: 'amount' };
    const r = await post('salesTarget', { ...base, tier1: '1000', tier2: '900', tier3: '800' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual({ tier2: 'belowPreviousTier', tier3: 'belowPreviousTier' });
    expect(r.body.error.message).toContain('不能低于上一档目标');
    k.admin.locale = 'en-US';
    const en = await post('salesTarget', { ...base, tier1: '1000', tier3: '900' });
    k.admin.locale = 'zh-CN';
    expect(en.body.error.fields).toEqual({ tier3: 'belowPreviousTier' });
    expect(en.body.error.message).toContain('must not be below the previous tier');
    const neg = await post('salesTarget', { ...base, tier1: '-1', month: 13, rate1: 120 });
    expect(neg.body.error.fields).toEqual({ tier1: 'tooSmall', month: 'tooLarge', rate1: 'tooLarge' });
  });

  test('DLR-5 a target names the subject its level needs, once per period and metric', async () => {
    const who = await post('salesTarget', { level: 'salesperson', year: 2025, metric: 'amount', tier1: '100' });
    expect(who.body.error.fields).toEqual({ user: 'required' });
    const notDealer = await post('salesTarget', {
      level: 'dealer',
      dealer: cust,
      year: 2025,
      metric: 'units',
      tier1: '5',
    });
    expect(notDealer.body.error.fields).toEqual({ dealer: 'invalidOption' });
    const t = await create(k.admin, 'salesTarget', {
      level: 'company',
      year: 2026,
      month: 3,
      metric: 'amount',
      tier1: '100',
    });
    expect(t.name).toBe('2026-03 销售额');
    const again = await post('salesTarget', { level: 'company', year: 2026, month: 3, metric: 'amount', tier1: '200' });
    expect(again.body.error.fields).toEqual({ metric: 'duplicate' });
  });
});
