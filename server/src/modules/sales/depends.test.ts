import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, customer, patch } from './test-kit.ts';

// SAL-1, SAL-3, CUS-10: references that depend on each other, declared in the objects (`dependsOn`), carried by the
// metadata for the pickers and enforced on every write; the natural order of stages for their picker.
let k: TestKehu;
let processA: number;
let processB: number;
const stagesA: number[] = [];
let jinan: number;
let zibo: number;
let wang: number;
let li: number;

beforeAll(async () => {
  k = await startKehu();
  processA = (await create(k.admin, 'salesProcess', { name: '整车销售流程', isDefault: true })).id;
  processB = (await create(k.admin, 'salesProcess', { name: '政府采购招投标流程', sortOrder: 2 })).id;
  // Created last stage first: the order is the stages' own order, not the order they were entered in.
  for (const [name, sortOrder] of [
    ['商务谈判', 30],
    ['方案报价', 20],
    ['初步接触', 10],
  ] as const)
    stagesA.unshift(
      (await create(k.admin, 'salesStage', { name, sortOrder, probability: sortOrder, process: processA })).id,
    );
  await create(k.admin, 'salesStage', { name: '招标公告', sortOrder: 5, probability: 5, process: processB });
  jinan = await customer(k.admin, '济南城市环卫有限公司');
  zibo = await customer(k.admin, '淄博恒通环境服务有限公司');
  wang = (await create(k.admin, 'contact', { name: '王建国', customer: jinan })).id;
  li = (await create(k.admin, 'contact', { name: '李娜', customer: zibo })).id;
}, 60_000);
afterAll(() => k?.close());

const opportunities = async () => (await k.admin.list('opportunity', { count: true, limit: 1 })).body.total as number;

describe('declared dependencies between references', () => {
  test('SAL-1 SAL-3 the metadata carries the dependencies, internal and conditional fields, and the stage order', async () => {
    const meta = (await k.admin.get('/api/metadata/objects/opportunity')).body.data;
    const field = (name: string) => meta.fields.find((f: { name: string }) => f.name === name);
    expect(field('contact').dependsOn).toEqual({ field: 'customer', targetField: 'customer' });
    expect(field('stage').dependsOn).toEqual({ field: 'process', targetField: 'process' });
    expect(field('furthestStageOrder').internal).toBe(true);
    expect(field('name').internal).toBeUndefined();
    expect(field('lostTo').visibleWhen).toEqual({ field: 'status', in: ['lost'] });
    expect(field('closedOn').visibleWhen).toEqual({ field: 'status', in: ['won', 'lost', 'abandoned'] });
    expect(field('weightedAmount').resultType).toBe('money');
    const stage = (await k.admin.get('/api/metadata/objects/salesStage')).body.data;
    expect(stage.defaultSort).toEqual({ field: 'sortOrder' });
  });

  test('SAL-3 the stage picker query (filtered by the chosen process, in the declared order) lists that process only, first stage first', async () => {
    const r = await k.admin.list('salesStage', {
      filter: { field: 'process', op: 'eq', value: processA },
      sort: 'sortOrder',
      limit: 20,
    });
    expect(r.status).toBe(200);
    expect(r.body.data.map((s: { name: string }) => s.name)).toEqual(['初步接触', '方案报价', '商务谈判']);
    expect(r.body.data.map((s: { id: number }) => s.id)).toEqual(stagesA);
  });

  test('SAL-1 a contact of another customer is refused, naming the field by its label; nothing is written', async () => {
    const before = await opportunities();
    const r = await k.admin.post('/api/objects/opportunity', { name: '环卫车 20 台', customer: jinan, contact: li });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.fields).toEqual({ contact: 'notOfParent' });
    expect(r.body.error.message).toContain('联系人');
    expect(r.body.error.message).toContain('不属于所选的客户');
    expect(await opportunities()).toBe(before);

    k.admin.locale = 'en-US';
    try {
      const en = await k.admin.post('/api/objects/opportunity', { name: '环卫车 20 台', customer: jinan, contact: li });
      expect(en.body.error.message).toContain('Contact');
      expect(en.body.error.message).toContain('does not belong to the chosen Customer');
    } finally {
      k.admin.locale = 'zh-CN';
    }
  });

  test('SAL-1 on update: another customer’s contact, or a new customer that keeps the old contact, is refused; both together pass', async () => {
    const o = await create(k.admin, 'opportunity', { name: '冷藏车 5 台', customer: jinan, contact: wang });
    expect(o.contact.id).toBe(wang);
    const other = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { contact: li });
    expect(other.status).toBe(400);
    expect(other.body.error.fields).toEqual({ contact: 'notOfParent' });
    const moved = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { customer: zibo });
    expect(moved.status).toBe(400);
    expect(moved.body.error.fields).toEqual({ contact: 'notOfParent' });
    const both = await patch(k.admin, 'opportunity', o.id, { customer: zibo, contact: li });
    expect([both.customer.id, both.contact.id]).toEqual([zibo, li]);
    const cleared = await patch(k.admin, 'opportunity', o.id, { customer: jinan, contact: null });
    expect([cleared.customer.id, cleared.contact]).toEqual([jinan, null]);
  });

  test('SAL-3 a stage given alone takes its process; a stage and a process that do not match are refused', async () => {
    const o = await create(k.admin, 'opportunity', { name: '洒水车 2 台', customer: jinan });
    expect([o.process.id, o.stage.id]).toEqual([processA, stagesA[0]]);
    const mixed = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { process: processB, stage: stagesA[1] });
    expect(mixed.status).toBe(400);
    expect(Object.keys(mixed.body.error.fields)).toEqual(['stage']);
    const fresh = await k.admin.get(`/api/objects/opportunity/${o.id}`);
    expect([fresh.body.data.process.id, fresh.body.data.stage.id]).toEqual([processA, stagesA[0]]);
  });

  test('CUS-10 a contact reports only to someone at the same customer', async () => {
    const r = await k.admin.post('/api/objects/contact', { name: '赵敏', customer: jinan, reportsTo: li });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual({ reportsTo: 'notOfParent' });
    expect(r.body.error.message).toContain('直属上级');
    const ok = await create(k.admin, 'contact', { name: '赵敏', customer: jinan, reportsTo: wang });
    expect(ok.reportsTo.id).toBe(wang);
  });
});
