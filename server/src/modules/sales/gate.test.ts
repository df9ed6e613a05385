import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { csvOf, importFile } from '../../http/transfer-test-kit.ts';
import { create, createProcess, customer, getData, patch } from './test-kit.ts';

let k: TestKehu;
let proc: { id: number; stages: number[] };
let cust: number;

beforeAll(async () => {
  k = await startKehu();
  proc = await createProcess(
    k.admin,
    '整车销售流程',
    [
      { name: '初步接触', probability: 10, requiredFields: ['expectedCloseDate'], requiredTasks: ['完成需求调研表'] },
      { name: '方案报价', probability: 40, requiredFields: ['lines'], requiredTasks: ['报价单审批'] },
      { name: '商务谈判', probability: 70, requiredFields: ['competitorAnalysis'] },
      { name: '合同签订', probability: 90, requiredTasks: ['合同盖章回传'] },
    ],
    true,
  );
  cust = await customer(k.admin, '济南城市环卫有限公司');
}, 60_000);
afterAll(() => k?.close());

const tasksOf = async (opp: number) =>
  (await k.admin.list('opportunityTask', { filter: { field: 'opportunity', op: 'eq', value: opp }, sort: 'id' })).body
    .data as Array<Record<string, any>>;

async function tick(opp: number, title: string) {
  const task = (await tasksOf(opp)).find((t) => t.title === title);
  expect(task, title).toBeDefined();
  return patch(k.admin, 'opportunityTask', task!.id, { done: true });
}

describe('SAL-3 sales process and stage gate', () => {
  test('SAL-3 a new opportunity starts in the first stage of the default process with its probability and checklist', async () => {
    const o = await create(k.admin, 'opportunity', { name: '环卫车 20 台', customer: cust });
    expect(o.process.id).toBe(proc.id);
    expect(o.stage.id).toBe(proc.stages[0]);
    expect(o.probability).toBe(10);
    expect(o.status).toBe('open');
    expect(o.stageEnteredAt).toBeTruthy();
    const tasks = await tasksOf(o.id);
    expect(tasks.map((t) => [t.title, t.done, t.stage.id])).toEqual([['完成需求调研表', false, proc.stages[0]]]);
  });

  test('SAL-3 an opportunity cannot move past a stage whose required fields and tasks are not done; the error names them', async () => {
    const o = await create(k.admin, 'opportunity', { name: '冷藏车 5 台', customer: cust });
    const r = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { stage: proc.stages[1] });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('STAGE_REQUIREMENTS_MISSING');
    expect(r.body.error.fields).toEqual({ stage: 'requirementsMissing' });
    expect(r.body.error.message).toContain('初步接触');
    expect(r.body.error.message).toContain('预计成交日期');
    expect(r.body.error.message).toContain('完成需求调研表');
    expect(r.body.error.params.requirements).toEqual([
      { stage: { id: proc.stages[0], label: '初步接触' }, fields: ['expectedCloseDate'], tasks: ['完成需求调研表'] },
    ]);
    k.admin.locale = 'en-US';
    const en = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { stage: proc.stages[1] });
    k.admin.locale = 'zh-CN';
    expect(en.body.error.message).toContain('Expected close date');
    expect(en.body.error.message).toContain('task "完成需求调研表"');
    // Nothing was written: still in the first stage, no history beyond the creation.
    expect((await getData(k.admin, `/api/objects/opportunity/${o.id}`)).stage.id).toBe(proc.stages[0]);
    // Filling the field in the same write and ticking the task lets it through.
    await tick(o.id, '完成需求调研表');
    const moved = await patch(k.admin, 'opportunity', o.id, { stage: proc.stages[1], expectedCloseDate: '2099-06-30' });
    expect(moved.stage.id).toBe(proc.stages[1]);
    expect(moved.probability).toBe(40);
    expect((await tasksOf(o.id)).map((t) => t.title)).toEqual(['完成需求调研表', '报价单审批']);
  });

  test('SAL-3 skipping stages needs the requirements of every stage passed; moving back is always allowed', async () => {
    const o = await create(k.admin, 'opportunity', {
      name: '随车吊 2 台',
      customer: cust,
      expectedCloseDate: '2099-01-31',
    });
    await tick(o.id, '完成需求调研表');
    const skip = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { stage: proc.stages[3] });
    expect(skip.body.error.code).toBe('STAGE_REQUIREMENTS_MISSING');
    expect(skip.body.error.message).toContain('方案报价');
    expect(skip.body.error.message).toContain('产品明细');
    expect(skip.body.error.message).toContain('报价单审批');
    expect(skip.body.error.message).toContain('竞争分析');
    const preview = await getData(k.admin, `/api/sales/opportunities/${o.id}/requirements?stage=${proc.stages[3]}`);
    expect(preview.allowed).toBe(false);
    expect(preview.missing.map((m: any) => m.stage.label)).toEqual(['方案报价', '商务谈判']);
    expect(preview.missing[0]).toMatchObject({ fields: [{ name: 'lines', label: '产品明细' }], tasks: ['报价单审批'] });
    const product = await create(k.admin, 'product', { code: 'KL5160JSQ', name: '随车起重运输车', price: '320000' });
    await create(k.admin, 'opportunityLine', { opportunity: o.id, product: product.id, quantity: 2 });
    await patch(k.admin, 'opportunity', o.id, { stage: proc.stages[1] });
    await tick(o.id, '报价单审批');
    const done = await patch(k.admin, 'opportunity', o.id, {
      stage: proc.stages[3],
      competitorAnalysis: '对手报价低 5%',
    });
    expect(done.stage.id).toBe(proc.stages[3]);
    const back = await patch(k.admin, 'opportunity', o.id, { stage: proc.stages[0] });
    expect(back.stage.id).toBe(proc.stages[0]);
    expect(back.probability).toBe(10);
  });

  test('SAL-3 winning passes the remaining stages, so their requirements apply', async () => {
    const o = await create(k.admin, 'opportunity', {
      name: '油罐车 1 台',
      customer: cust,
      expectedCloseDate: '2099-01-31',
    });
    const r = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { status: 'won' });
    expect(r.body.error.code).toBe('STAGE_REQUIREMENTS_MISSING');
    expect(r.body.error.message).toContain('合同盖章回传');
    const preview = await getData(k.admin, `/api/sales/opportunities/${o.id}/requirements?status=won`);
    expect(preview.missing).toHaveLength(4);
    // Losing is not gated, but it needs a reason.
    const lost = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { status: 'lost' });
    expect(lost.body.error.fields).toEqual({ closeReason: 'required' });
    const ok = await patch(k.admin, 'opportunity', o.id, { status: 'lost', closeReason: 'price' });
    expect(ok).toMatchObject({ status: 'lost', probability: 0 });
    expect(ok.closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('SAL-3 the gate holds on every write path: bulk edit is refused as a whole', async () => {
    const a = await create(k.admin, 'opportunity', { name: '批量 A', customer: cust, expectedCloseDate: '2099-01-31' });
    const b = await create(k.admin, 'opportunity', { name: '批量 B', customer: cust, expectedCloseDate: '2099-01-31' });
    await tick(a.id, '完成需求调研表');
    const r = await k.admin.post('/api/objects/opportunity/bulk-update', {
      ids: [a.id, b.id],
      values: { stage: proc.stages[1] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('STAGE_REQUIREMENTS_MISSING');
    expect((await getData(k.admin, `/api/objects/opportunity/${a.id}`)).stage.id).toBe(proc.stages[0]);
    // Creating straight into a later stage passes the earlier ones too.
    const direct = await k.admin.post('/api/objects/opportunity', {
      name: '直接报价',
      customer: cust,
      stage: proc.stages[2],
    });
    expect(direct.body.error.code).toBe('STAGE_REQUIREMENTS_MISSING');
  });

  test('SAL-3 the gate holds on import too: a row straight into a later stage is reported, nothing is written', async () => {
    const csv = csvOf([
      ['商机名称', '客户', '销售阶段'],
      ['导入一', '济南城市环卫有限公司', '初步接触'],
      ['导入二', '济南城市环卫有限公司', '商务谈判'],
    ]);
    const job = await importFile(k.admin, csv, { mode: 'all' }, 'opportunities.csv', 'opportunity');
    expect(job).toMatchObject({ status: 'failed', committed: false, failed: 1 });
    expect(job.errors).toEqual([expect.objectContaining({ row: 3, field: 'stage', code: 'requirementsMissing' })]);
    const listed = await k.admin.list('opportunity', { filter: { field: 'name', op: 'startsWith', value: '导入' } });
    expect(listed.body.data).toHaveLength(0);
  });

  test('SAL-3 a stage of another process is refused; required fields must be opportunity fields', async () => {
    const other = await createProcess(k.admin, '大客户招投标', [{ name: '投标', probability: 20 }]);
    const o = await create(k.admin, 'opportunity', { name: '流程校验', customer: cust });
    const r = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { process: proc.id, stage: other.stages[0] });
    expect(r.body.error.fields).toEqual({ stage: 'invalidOption' });
    // Naming only a stage switches to its process; naming only a process starts at its first stage.
    const switched = await patch(k.admin, 'opportunity', o.id, { stage: other.stages[0] });
    expect([switched.process.id, switched.probability]).toEqual([other.id, 20]);
    const reset = await patch(k.admin, 'opportunity', o.id, { process: proc.id });
    expect(reset.stage.id).toBe(proc.stages[0]);
    const bad = await k.admin.post('/api/objects/salesStage', {
      name: 'x',
      process: other.id,
      sortOrder: 99,
      probability: 50,
      requiredFields: ['noSuchField'],
    });
    expect(bad.body.error.fields).toEqual({ requiredFields: 'invalidOption' });
  });
});
