import { labelText } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { records } from '../../engine/query/builder.ts';
import type { StageDef } from './stages.ts';

/** What keeps an opportunity from moving past one stage (SAL-3). */
export interface Missing {
  stage: StageDef;
  fields: string[];
  tasks: string[];
}

/**
 * The required tasks of `stage` that are not done yet for an opportunity (all of them before it exists).
 * Behind this type so that the team module's general tasks can replace the stage checklist (`useTaskCheck`).
 */
export type TaskCheck = (ctx: Ctx, opportunityId: number | undefined, stage: StageDef) => Promise<string[]>;

export const normalTitle = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The default check: the stage's checklist items (opportunityTask) marked done. */
export const checklistTasks: TaskCheck = async (ctx, opportunityId, stage) => {
  if (stage.requiredTasks.length === 0) return [];
  if (opportunityId === undefined) return [...stage.requiredTasks];
  // The gate holds whoever writes: the checklist is read as the engine, not through the writer's scope.
  const rows = await records(ctx, 'opportunityTask', { internal: true }).all({
    filter: {
      and: [
        { field: 'opportunity', op: 'eq', value: opportunityId },
        { field: 'stage', op: 'eq', value: stage.id },
        { field: 'done', op: 'eq', value: true },
      ],
    },
  });
  const done = new Set(rows.map((x) => normalTitle(String(x.title))));
  return stage.requiredTasks.filter((t) => !done.has(normalTitle(t)));
};

let taskCheck: TaskCheck = checklistTasks;

export function useTaskCheck(check: TaskCheck): void {
  taskCheck = check;
}

/**
 * The stages an opportunity moves past going from `fromId` (null: the first stage) to `toId` (null: beyond the
 * last, i.e. winning). Moving back passes nothing.
 */
export function stagesPassed(stages: StageDef[], fromId: number | null, toId: number | null): StageDef[] {
  const from = fromId === null ? 0 : stages.findIndex((s) => s.id === fromId);
  const to = toId === null ? stages.length : stages.findIndex((s) => s.id === toId);
  if (from < 0 || to < 0 || to <= from) return [];
  return stages.slice(from, to);
}

/** Unmet requirements of the passed stages; `has(field)` says whether the opportunity will have the field filled. */
export async function missingRequirements(
  ctx: Ctx,
  opportunityId: number | undefined,
  passed: StageDef[],
  has: (field: string) => Promise<boolean>,
): Promise<Missing[]> {
  const out: Missing[] = [];
  for (const stage of passed) {
    const fields: string[] = [];
    for (const f of stage.requiredFields) if (!(await has(f))) fields.push(f);
    const tasks = await taskCheck(ctx, opportunityId, stage);
    if (fields.length || tasks.length) out.push({ stage, fields, tasks });
  }
  return out;
}

/** The requirements in the reader's language: field labels, then tasks. */
export function describeMissing(ctx: Ctx, m: Missing): string[] {
  const obj = ctx.registry.get('opportunity');
  const en = ctx.locale === 'en-US';
  return [
    ...m.fields.map((f) => labelText(obj.fields.get(f)?.label, ctx.locale, f)),
    ...m.tasks.map((t) => (en ? `task "${t}"` : `任务「${t}」`)),
  ];
}

/**
 * STAGE_REQUIREMENTS_MISSING naming the first stage that blocks and everything missing, as a field error on `stage`;
 * the params carry the list.
 */
export function gateError(ctx: Ctx, missing: Missing[]): KehuError {
  const list = missing.flatMap((m) => describeMissing(ctx, m));
  // `requirements` lists the same per stage for clients: field API names and task titles.
  const requirements = missing.map((m) => ({
    stage: { id: m.stage.id, label: m.stage.name },
    fields: m.fields,
    tasks: m.tasks,
  }));
  return new KehuError(
    'STAGE_REQUIREMENTS_MISSING',
    { stage: missing[0].stage.name, missing: list.join(ctx.locale === 'en-US' ? ', ' : '、'), requirements },
    { stage: 'requirementsMissing' },
  );
}
