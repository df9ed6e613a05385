import type { Filter, Locale } from '@kehu/common';
import { type Ctx, subjectOf } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import { listAllRecords, listRecords } from '../../engine/query/list.ts';
import { calendar } from './calendar.ts';
import { activityTypes, optionLabel } from './options.ts';
import { addDays, dayStart, isDate, localDate, localTime, mondayOf } from './time.ts';

export interface Period {
  kind: 'daily' | 'weekly';
  /** The report's date: the day, or the Monday of the week. */
  period: string;
  /** First and last day covered, inclusive. */
  first: string;
  last: string;
}

export function periodOf(ctx: Ctx, kind: unknown, date: unknown): Period {
  if (kind !== 'daily' && kind !== 'weekly') throw validationFailed({ kind: 'invalidOption' });
  const day = date === undefined || date === '' ? localDate(new Date(), ctx.timezone) : date;
  if (!isDate(day)) throw validationFailed({ date: 'invalidDate' });
  if (kind === 'daily') return { kind, period: day, first: day, last: day };
  const monday = mondayOf(day);
  return { kind, period: monday, first: monday, last: addDays(monday, 6) };
}

/** Every record of the caller's own (the access predicate applies as always), up to 500. */
async function mine(ctx: Ctx, object: string, filter: Filter[], sort: string) {
  if (ctx.access.scope(object, 'read') === 'none') return [];
  const and: Filter[] = [{ field: 'owner', op: 'eq', value: subjectOf(ctx.actor) }, ...filter];
  const r = await listRecords(ctx, ctx.registry.get(object), {
    filter: { and },
    sort: [{ field: sort, dir: 'asc' }],
    limit: 500,
  });
  return r.data;
}

const label = (v: unknown) => (v as { label?: string } | null)?.label ?? '';

function line(ctx: Ctx, p: Period, at: string, parts: string[]): string {
  const d = new Date(at);
  const when =
    p.kind === 'daily'
      ? localTime(d, ctx.timezone)
      : `${localDate(d, ctx.timezone).slice(5)} ${localTime(d, ctx.timezone)}`;
  return `- ${when} ${parts.filter(Boolean).join(' · ')}`;
}

const words: Record<Locale, { activities: string; tasks: string; events: string; openTasks: string }> = {
  'zh-CN': { activities: '客户活动', tasks: '完成的任务', events: '日程', openTasks: '待办任务' },
  'en-US': { activities: 'Activities', tasks: 'Tasks completed', events: 'Events', openTasks: 'Open tasks' },
};

/**
 * A report template (TEAM-4) pre-filled from the caller's own records: what was done (activities and completed
 * tasks of the day or week) and the plan (events and open tasks due in the next day or week). The existing report
 * for the period, if any, comes along so that the client edits it instead of creating a second one.
 */
export async function reportDraft(ctx: Ctx, kind: unknown, date: unknown) {
  const p = periodOf(ctx, kind, date);
  const from = dayStart(p.first, ctx.timezone).toISOString();
  const to = dayStart(addDays(p.last, 1), ctx.timezone).toISOString();
  const nextTo = dayStart(addDays(p.last, p.kind === 'daily' ? 2 : 8), ctx.timezone).toISOString();
  const inRange = (field: string, a: string, b: string): Filter[] => [
    { field, op: 'gte', value: a },
    { field, op: 'lt', value: b },
  ];
  const [activities, completed, open, events, existing] = await Promise.all([
    mine(ctx, 'activity', inRange('time', from, to), 'time'),
    mine(
      ctx,
      'task',
      [...inRange('completedAt', from, to), { field: 'status', op: 'eq', value: 'done' }],
      'completedAt',
    ),
    mine(
      ctx,
      'task',
      [
        { field: 'status', op: 'in', value: ['todo', 'doing'] },
        { field: 'dueAt', op: 'lt', value: nextTo },
      ],
      'dueAt',
    ),
    ctx.access.scope('event', 'read') === 'none' ? [] : calendar(ctx, { from: to, to: nextTo, users: 'me' }),
    mine(
      ctx,
      'workReport',
      [
        { field: 'kind', op: 'eq', value: p.kind },
        { field: 'period', op: 'eq', value: p.period },
      ],
      'period',
    ),
  ]);
  const w = words[ctx.locale] ?? words['zh-CN'];
  const done: string[] = [];
  if (activities.length) done.push(`${w.activities}:`);
  for (const a of activities) {
    const type = optionLabel(activityTypes, a.type, ctx.locale);
    done.push(line(ctx, p, a.time as string, [type, label(a.customer), label(a.contact), a.subject as string]));
  }
  if (completed.length) done.push(`${w.tasks}:`);
  for (const t of completed) done.push(line(ctx, p, t.completedAt as string, [t.title as string, label(t.customer)]));
  const plan: string[] = [];
  if (events.length) plan.push(`${w.events}:`);
  for (const e of events)
    plan.push(line(ctx, p, e.start, [e.title as string, e.location as string, label(e.customer)]));
  if (open.length) plan.push(`${w.openTasks}:`);
  for (const t of open) plan.push(line(ctx, p, t.dueAt as string, [t.title as string, label(t.customer)]));
  return {
    ...p,
    done: done.join('\n'),
    plan: plan.join('\n'),
    problems: '',
    activities,
    completedTasks: completed,
    plannedEvents: events,
    openTasks: open,
    existing: existing[0] ?? null,
  };
}

/**
 * Who has not submitted the report for a period (TEAM-4): the active users whose reports the caller may read (the
 * caller's read scope on work reports, resolved by the engine's Access), less those with a submitted report.
 */
export async function missingReports(ctx: Ctx, kind: unknown, date: unknown) {
  const p = periodOf(ctx, kind, date);
  const scope = ctx.access.scope('workReport', 'read');
  if (scope === 'none') throw new KehuError('FORBIDDEN');
  const owners = await ctx.access.ownerIds(scope);
  const userFilter: Filter[] = [{ field: 'active', op: 'eq', value: true }];
  if (owners !== null) userFilter.push({ field: 'id', op: 'in', value: owners.length ? owners : [0] });
  const users = await listAllRecords(
    ctx,
    ctx.registry.get('user'),
    { filter: { and: userFilter }, sort: [{ field: 'name', dir: 'asc' }] },
    20_000,
  );
  const reports = await listAllRecords(ctx, ctx.registry.get('workReport'), {
    filter: {
      and: [
        { field: 'kind', op: 'eq', value: p.kind },
        { field: 'period', op: 'eq', value: p.period },
        { field: 'status', op: 'eq', value: 'submitted' },
      ],
    },
  });
  const submitted = new Set(reports.map((r) => Number((r.owner as { id: number }).id)));
  const missing = users
    .filter((u) => !submitted.has(Number(u.id)))
    .map((u) => ({ id: u.id, name: u.name, department: u.department ?? null }));
  return { ...p, expected: users.length, submitted: users.length - missing.length, missing };
}
