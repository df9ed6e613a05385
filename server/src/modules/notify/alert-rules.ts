import type { FieldErrorCode, Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { ObjectDef } from '../../engine/metadata/types.ts';
import { getRecord, readWhere } from '../../engine/query/list.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { nextRun, parseCron } from '../../engine/time-cron.ts';

/** Daily and weekly alerts run at 08:00 company time (Mondays for weekly) unless a cron expression says otherwise. */
const defaultCron: Record<string, string> = { daily: '0 8 * * *', weekly: '0 8 * * 1' };

/** A field's value after the write: the new column value if written, else the stored (API form) one. */
function current(e: WriteEvent, field: string): unknown {
  const c = e.object.fields.get(field)?.column;
  if (c && c in e.values) return e.values[c];
  return e.before?.[field] ?? null;
}

const idOf = (v: unknown) =>
  v === null || v === undefined ? null : typeof v === 'object' ? Number((v as { id: unknown }).id) : Number(v);

/** The cron expression a rule runs on, or undefined when it has none that is valid. */
export function ruleCron(schedule: unknown, cron: unknown): string | undefined {
  const text = typeof cron === 'string' && cron.trim() ? cron.trim() : defaultCron[String(schedule)];
  return text && parseCron(text) ? text : undefined;
}

export function nextRunOf(schedule: unknown, cron: unknown, after: Date, tz: string): Date | undefined {
  const text = ruleCron(schedule, cron);
  return text ? nextRun(parseCron(text)!, after, tz) : undefined;
}

/**
 * What a rule counts, seen by `ctx` (its owner when it runs): the saved view's object and filter when it names
 * one, else its own. The filter is compiled through the access predicate, so unknown or hidden fields fail here.
 */
export async function ruleTarget(
  ctx: Ctx,
  rule: { view: unknown; object: unknown; filter: unknown },
): Promise<{ obj: ObjectDef; filter?: Filter }> {
  let object = rule.object;
  let filter = rule.filter;
  const viewId = idOf(rule.view);
  if (viewId) {
    const view = await getRecord(ctx, ctx.registry.get('savedView'), viewId);
    object = view.object;
    filter = view.filter;
  }
  if (typeof object !== 'string' || !ctx.registry.has(object)) throw validationFailed({ object: 'invalidOption' });
  const obj = ctx.registry.get(object);
  if (ctx.access.scope(obj.name, 'read') === 'none') throw validationFailed({ object: 'invalidOption' });
  const parsed = typeof filter === 'string' ? (JSON.parse(filter) as Filter) : ((filter ?? undefined) as Filter);
  return { obj, filter: parsed ?? undefined };
}

/**
 * Check an alert rule as its author writes it (TEAM-5): an object they may read, a filter that compiles for them,
 * a valid schedule; and keep `nextRunAt` in step with the schedule.
 */
async function beforeRule(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete') return;
  const runState = ['lastRunAt', 'lastCount', 'nextRunAt'].map((f) => e.object.fields.get(f)?.column);
  if (e.action === 'update' && Object.keys(e.values).every((c) => runState.includes(c))) return;
  const problems: Record<string, FieldErrorCode> = {};
  const view = current(e, 'view');
  if (!idOf(view) && !current(e, 'object')) problems.object = 'required';
  else {
    try {
      const { obj, filter } = await ruleTarget(ctx, {
        view,
        object: current(e, 'object'),
        filter: current(e, 'filter'),
      });
      await readWhere(ctx, obj, { filter }, 'read');
    } catch (err) {
      if (!(err instanceof KehuError)) throw err;
      if (err.code === 'NOT_FOUND') problems.view = 'notFound';
      else if (err.fields?.object) problems.object = err.fields.object;
      else problems.filter = 'format';
    }
  }
  const schedule = current(e, 'schedule');
  const cron = current(e, 'cron');
  if (schedule === 'cron' && !(typeof cron === 'string' && cron.trim())) problems.cron = 'required';
  else if (!ruleCron(schedule, cron)) problems.cron = 'format';
  if (Object.keys(problems).length) throw validationFailed(problems);
  const scheduling = ['schedule', 'cron', 'active'].some((f) => {
    const c = e.object.fields.get(f)?.column;
    return c !== undefined && c in e.values;
  });
  if (e.action === 'create' || e.action === 'undelete' || scheduling) {
    const next = current(e, 'active') === false ? null : nextRunOf(schedule, cron, new Date(), ctx.timezone);
    e.values[e.object.fields.get('nextRunAt')!.column!] = next ? next.toISOString() : null;
  }
}

export function registerAlertRuleHooks(engine: Engine): void {
  engine.registry.hooks.on('alertRule', { before: beforeRule });
}
