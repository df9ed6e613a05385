import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, createProcess, customer, getData, patch, plainStages } from './test-kit.ts';

let k: TestKehu;
let proc: { id: number; stages: number[] };
let cust: number;

beforeAll(async () => {
  k = await startKehu();
  proc = await createProcess(k.admin, '标准流程', plainStages, true);
  cust = await customer(k.admin, '青岛冷链物流有限公司');
}, 60_000);
afterAll(() => k?.close());

const changesOf = async (opp: number) =>
  (
    await k.admin.list('opportunityStageChange', {
      filter: { field: 'opportunity', op: 'eq', value: opp },
      sort: 'changedAt,id',
    })
  ).body.data as Array<Record<string, any>>;

describe('SAL-2 stage-change history', () => {
  test('SAL-2 every stage or status change writes one history row in the same transaction; failed writes write none', async () => {
    const o = await create(k.admin, 'opportunity', { name: '冷藏车 8 台', customer: cust, amount: '3000000' });
    const [s1, s2, s3] = proc.stages;
    await patch(k.admin, 'opportunity', o.id, { stage: s2 });
    await patch(k.admin, 'opportunity', o.id, { stage: s3, amount: '3100000' });
    await patch(k.admin, 'opportunity', o.id, { description: '只改描述不记阶段' });
    const refused = await k.admin.patch(`/api/objects/opportunity/${o.id}`, { stage: s2, status: 'lost' });
    expect(refused.body.error.fields).toEqual({ closeReason: 'required' });
    await patch(k.admin, 'opportunity', o.id, { stage: s2 });
    await patch(k.admin, 'opportunity', o.id, { status: 'won' });
    const rows = await changesOf(o.id);
    expect(rows.map((r) => [r.fromStage?.id ?? null, r.toStage.id, r.fromStatus, r.toStatus])).toEqual([
      [null, s1, null, 'open'],
      [s1, s2, 'open', 'open'],
      [s2, s3, 'open', 'open'],
      [s3, s2, 'open', 'open'],
      [s2, s2, 'open', 'won'],
    ]);
    expect(rows[2]).toMatchObject({ amount: '3100000.00', probability: 60 });
    expect(rows[4]).toMatchObject({ probability: 100, changedBy: { label: '系统管理员' } });
    expect(rows.slice(1).every((r) => Number(r.daysInFromStage) >= 0)).toBe(true);
    // The history is the system's: not writable through the API.
    const w = await k.admin.post('/api/objects/opportunityStageChange', {
      opportunity: o.id,
      changedAt: new Date().toISOString(),
    });
    expect(w.body.error.code).toBe('READ_ONLY_OBJECT');
  });

  test('SAL-2 time in each stage adds up the visits from the history and stops when the opportunity closes', async () => {
    const o = await create(k.admin, 'opportunity', { name: '随车吊 3 台', customer: cust });
    const [s1, s2, s3, s4] = proc.stages;
    for (const s of [s2, s3, s2]) await patch(k.admin, 'opportunity', o.id, { stage: s });
    await patch(k.admin, 'opportunity', o.id, { status: 'won' });
    // Put the history on known dates: 3 days in s1, 10 + 5 in s2 (two visits), 2 in s3.
    const days = ['2025-01-01', '2025-01-04', '2025-01-14', '2025-01-16', '2025-01-21'];
    const rows = await changesOf(o.id);
    for (const [i, r] of rows.entries()) {
      await sql`update obj_opportunity_stage_change set changed_at = ${`${days[i]}T08:00:00Z`}::timestamptz
        where id = ${r.id}`.execute(k.kehu.engine.db);
    }
    const t = await getData(k.admin, `/api/sales/opportunities/${o.id}/stage-times`);
    expect(t.stages.map((s: any) => [s.stage.id, s.days, s.visits])).toEqual([
      [s1, 3, 1],
      [s2, 15, 2],
      [s3, 2, 1],
      [s4, 0, 0],
    ]);
    expect(t.stages.find((s: any) => s.current).stage.id).toBe(s2);
    expect(t.changes).toHaveLength(5);
    expect(t.changes[4]).toMatchObject({ fromStatus: 'open', toStatus: 'won' });
  });

  test('SAL-2 a new owner of the opportunity also owns its history, lines and tasks (same scope)', async () => {
    const li = await k.user({ username: 'li', grants: { '*': { read: 'own', update: 'own', create: 'own' } } });
    const o = await create(k.admin, 'opportunity', { name: '转交商机', customer: cust });
    await patch(k.admin, 'opportunity', o.id, { stage: proc.stages[1] });
    expect((await li.api.get(`/api/sales/opportunities/${o.id}/stage-times`)).status).toBe(404);
    await patch(k.admin, 'opportunity', o.id, { owner: li.id });
    const seen = await li.api.list('opportunityStageChange', {
      filter: { field: 'opportunity', op: 'eq', value: o.id },
    });
    expect(seen.body.data).toHaveLength(2);
    expect(seen.body.data.every((r: any) => r.owner.id === li.id)).toBe(true);
    const t = await getData(li.api, `/api/sales/opportunities/${o.id}/stage-times`);
    expect(t.changes).toHaveLength(2);
  });
});
