import { labelText } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { idOf } from './meta.ts';
import { missingRequirements, stagesPassed } from './stage-gate.ts';
import { stagesOf } from './stages.ts';
import { hasRelated } from './write-state.ts';

const day = 86_400_000;

interface Change {
  id: number;
  fromStage: number | null;
  toStage: number | null;
  fromStatus: string | null;
  toStatus: string | null;
  changedAt: Date;
  changedBy: number | null;
  daysInFromStage: string | null;
}

const change = (r: Record<string, unknown>): Change => ({
  id: Number(r.id),
  fromStage: idOf(r.fromStage),
  toStage: idOf(r.toStage),
  fromStatus: (r.fromStatus as string | null) ?? null,
  toStatus: (r.toStatus as string | null) ?? null,
  changedAt: new Date(String(r.changedAt)),
  changedBy: idOf(r.changedBy),
  daysInFromStage: (r.daysInFromStage as string | null) ?? null,
});

/**
 * Stage history of one opportunity (SAL-2): every change, and the days spent in each stage of its process (time
 * counts while the opportunity is open; several visits to a stage add up). 404 outside the caller's scope.
 */
export async function stageTimes(ctx: Ctx, id: number) {
  const opp = await records(ctx, 'opportunity').get(id);
  // The history belongs to an opportunity the caller may read (checked just above): its rows follow that record,
  // not their own scope (a share of the opportunity reaches its history), so they are read as the engine.
  const rows = await records(ctx, 'opportunityStageChange', { internal: true }).all({
    filter: { field: 'opportunity', op: 'eq', value: id },
    sort: [{ field: 'changedAt', dir: 'asc' }],
  });
  const processId = idOf(opp.process);
  const stages = processId === null ? [] : await stagesOf(ctx, processId);
  const time = new Map<number, { ms: number; visits: number }>();
  const changes = rows.map(change);
  changes.forEach((c, i) => {
    if (c.toStage === null) return;
    const t = time.get(Number(c.toStage)) ?? { ms: 0, visits: 0 };
    if (c.fromStage === null || Number(c.fromStage) !== Number(c.toStage)) t.visits++;
    const end = i + 1 < changes.length ? changes[i + 1].changedAt.getTime() : Date.now();
    if ((c.toStatus ?? 'open') === 'open') t.ms += Math.max(0, end - c.changedAt.getTime());
    time.set(Number(c.toStage), t);
  });
  const name = new Map(stages.map((s) => [s.id, s.name]));
  return {
    opportunity: { id, label: opp.name },
    stages: stages.map((s) => ({
      stage: { id: s.id, label: s.name },
      sortOrder: s.sortOrder,
      days: Math.round(((time.get(s.id)?.ms ?? 0) / day) * 100) / 100,
      visits: time.get(s.id)?.visits ?? 0,
      current: idOf(opp.stage) === s.id,
    })),
    changes: changes.map((c) => ({
      id: c.id,
      fromStage:
        c.fromStage === null ? null : { id: Number(c.fromStage), label: name.get(Number(c.fromStage)) ?? null },
      toStage: c.toStage === null ? null : { id: Number(c.toStage), label: name.get(Number(c.toStage)) ?? null },
      fromStatus: c.fromStatus,
      toStatus: c.toStatus,
      changedAt: c.changedAt.toISOString(),
      changedBy: c.changedBy === null ? null : Number(c.changedBy),
      daysInFromStage: c.daysInFromStage === null ? null : Number(c.daysInFromStage),
    })),
  };
}

const filled = (v: unknown) =>
  v !== null && v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);

/**
 * What stands between an opportunity and a stage, or winning (`to` null), before the user drags the card (SAL-3):
 * the same rules as the gate on write.
 */
export async function requirementsFor(ctx: Ctx, id: number, to: number | null) {
  const opportunities = records(ctx, 'opportunity');
  const obj = opportunities.object;
  const opp = await opportunities.get(id);
  const processId = idOf(opp.process);
  const stages = processId === null ? [] : await stagesOf(ctx, processId);
  const passed = stagesPassed(stages, idOf(opp.stage), to);
  const has = async (field: string) => {
    const f = obj.fields.get(field);
    if (f?.type !== 'oneToMany') return filled(opp[field]);
    return hasRelated(ctx, f.object!, f.field!, id);
  };
  const missing = await missingRequirements(ctx, id, passed, has);
  return {
    allowed: missing.length === 0,
    missing: missing.map((m) => ({
      stage: { id: m.stage.id, label: m.stage.name },
      fields: m.fields.map((f) => ({ name: f, label: labelText(obj.fields.get(f)?.label, ctx.locale, f) })),
      tasks: m.tasks,
    })),
  };
}
