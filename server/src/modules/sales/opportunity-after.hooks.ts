import type { Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { idOf } from './meta.ts';
import { normalTitle } from './stage-gate.ts';
import { stageById } from './stages.ts';
import { trustedCtx } from './trust.ts';

const day = 86_400_000;

/** The objects that make up an opportunity and share its owner. */
export const partObjects = ['opportunityLine', 'opportunityTask', 'opportunityCompetitor', 'opportunityStageChange'];

/** One row of stage history (SAL-2): from/to stage and status, when, by whom, days spent in the stage left. */
async function recordChange(ctx: Ctx, e: WriteEvent, after: Record<string, unknown>) {
  const before = e.before;
  const entered = before?.stageEnteredAt ? Date.parse(String(before.stageEnteredAt)) : Number.NaN;
  const now = Date.now();
  await createRecord(
    ctx,
    'opportunityStageChange',
    {
      opportunity: e.id,
      process: idOf(after.process),
      fromStage: idOf(before?.stage),
      toStage: idOf(after.stage),
      fromStatus: before?.status ?? null,
      toStatus: after.status,
      changedAt: new Date(now).toISOString(),
      changedBy: ctx.actor.userId || null,
      daysInFromStage: Number.isNaN(entered) ? null : ((now - entered) / day).toFixed(2),
      amount: after.amount,
      probability: after.probability,
      owner: idOf(after.owner),
    },
    { internal: true },
  );
}

/**
 * The stage's required tasks become checklist items of the opportunity (SAL-3), once per title. Hooks' bookkeeping
 * reads as the engine (here and below): the parts are kept in step whoever writes.
 */
async function createChecklist(ctx: Ctx, opportunityId: number, stageId: number) {
  const stage = await stageById(ctx, stageId);
  if (!stage?.requiredTasks.length) return;
  const tasks = await records(ctx, 'opportunityTask', { internal: true }).all({
    filter: {
      and: [
        { field: 'opportunity', op: 'eq', value: opportunityId },
        { field: 'stage', op: 'eq', value: stageId },
      ],
    },
  });
  const have = new Set(tasks.map((x) => normalTitle(String(x.title))));
  for (const title of stage.requiredTasks) {
    if (have.has(normalTitle(title))) continue;
    await createRecord(
      ctx,
      'opportunityTask',
      { opportunity: opportunityId, stage: stageId, title },
      { internal: true },
    );
  }
}

/** A new owner of the opportunity owns its parts too (same scopes for lines, tasks, competitors, history). */
async function moveParts(ctx: Ctx, opportunityId: number, owner: number | null) {
  const other: Filter =
    owner === null ? { field: 'owner', op: 'isNotEmpty' } : { field: 'owner', op: 'ne', value: owner };
  for (const object of partObjects) {
    const parts = await records(ctx, object, { internal: true }).all({
      filter: { and: [{ field: 'opportunity', op: 'eq', value: opportunityId }, other] },
      sort: [{ field: 'id', dir: 'asc' }],
    });
    for (const p of parts) await updateRecord(ctx, object, Number(p.id), { owner }, { internal: true });
  }
}

export async function afterOpportunity(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete' || e.action === 'undelete' || !e.after || e.id === undefined) return;
  const after = e.after;
  const creating = e.action === 'create';
  const stageChanged = creating || idOf(e.before?.stage) !== idOf(after.stage);
  const statusChanged = creating || e.before?.status !== after.status;
  const t = trustedCtx(ctx);
  if (stageChanged || statusChanged) await recordChange(t, e, after);
  const stage = idOf(after.stage);
  if (stageChanged && stage !== null) await createChecklist(t, e.id, stage);
  if (!creating && idOf(e.before?.owner) !== idOf(after.owner)) await moveParts(t, e.id, idOf(after.owner));
}
