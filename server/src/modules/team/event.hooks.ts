import type { FieldErrorCode } from '@kehu/common';
import { addShare, listShares, removeShare } from '../../engine/access/shares.ts';
import type { Ctx } from '../../engine/context.ts';
import { FieldProblem, validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { checkLinks, col, refOf, valueIn, writes } from './links.ts';
import { checkSeries, nextStart, parseRule, type Rule } from './recurrence.ts';

const hour = 3_600_000;
const ms = (v: unknown) => (typeof v === 'string' || v instanceof Date ? new Date(v).getTime() : Number.NaN);
const iso = (t: number) => new Date(t).toISOString();

/** A moved series keeps its exceptions on the same occurrences: shift them by the same amount. */
function shiftExdates(ctx: Ctx, e: WriteEvent, start: number): void {
  const old = ms(e.before?.start);
  const list = e.before?.exdates;
  if (e.action !== 'update' || !writes(e, 'start') || Number.isNaN(old) || old === start) return;
  if (!Array.isArray(list) || list.length === 0 || writes(e, 'exdates')) return;
  e.values[col(ctx, 'event', 'exdates')] = JSON.stringify(list.map((x) => iso(ms(x) + start - old)));
}

/** Check the repeat rule (normalised in place); returns the end of the last occurrence. */
function checkRule(ctx: Ctx, e: WriteEvent, start: number, end: number, problems: Record<string, FieldErrorCode>) {
  const text = valueIn(e, 'rrule');
  if (typeof text !== 'string' || text === '') return { end, rule: undefined };
  if (refOf(e, 'series') !== null) {
    problems.rrule = 'invalidRecurrence';
    return { end, rule: undefined };
  }
  try {
    const rule = parseRule(text);
    if (writes(e, 'rrule')) e.values[col(ctx, 'event', 'rrule')] = rule.text;
    return { end: checkSeries(rule, new Date(start), new Date(end), ctx.timezone).getTime(), rule };
  } catch (err) {
    if (!(err instanceof FieldProblem)) throw err;
    problems.rrule = err.problem;
    return { end, rule: undefined };
  }
}

/** A reminder must still be able to fire: before the start (of the next occurrence of a series). */
function checkReminder(ctx: Ctx, e: WriteEvent, start: number, end: number, rule: Rule | undefined) {
  const minutes = valueIn(e, 'reminderMinutes');
  if (!writes(e, 'reminderMinutes') || minutes === null || minutes === undefined) return undefined;
  const earliest = Date.now() + Number(minutes) * 60_000;
  if (!rule) return start < earliest ? 'reminderInPast' : undefined;
  const raw = valueIn(e, 'exdates');
  const exdates = (typeof raw === 'string' ? JSON.parse(raw) : raw) as string[] | null;
  const series = { rule, start: new Date(start), end: new Date(end), exdates: exdates ?? [] };
  return nextStart(series, new Date(earliest), ctx.timezone) ? undefined : 'reminderInPast';
}

async function beforeEvent(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete' || e.action === 'undelete') return;
  const problems: Record<string, FieldErrorCode> = {};
  const start = ms(valueIn(e, 'start'));
  const endCol = col(ctx, 'event', 'end');
  if (valueIn(e, 'end') === null && !Number.isNaN(start)) {
    e.values[endCol] = iso(start + (valueIn(e, 'allDay') === true ? 24 * hour : hour));
  }
  const end = ms(valueIn(e, 'end'));
  if (end < start) problems.end = 'endBeforeStart';
  shiftExdates(ctx, e, start);
  const series = problems.end ? { end, rule: undefined } : checkRule(ctx, e, start, end, problems);
  const reminder = problems.end || problems.rrule ? undefined : checkReminder(ctx, e, start, end, series.rule);
  if (reminder) problems.reminderMinutes = reminder;
  if (Object.keys(problems).length) throw validationFailed(problems);
  e.values[col(ctx, 'event', 'seriesEnd')] = iso(series.end);
  await checkLinks(ctx, e);
}

const ids = (v: unknown) => new Set(Array.isArray(v) ? v.map((x: { id: number }) => Number(x.id)) : []);

/**
 * Attendees see the event: each gets a read share, so the engine's access predicate (lists, calendar, get) lets
 * them in without any filtering here. Shares someone added by hand (edit) are left alone.
 */
async function shareWithAttendees(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete' || !e.id) return;
  const owner = (e.after?.owner as { id: number } | null)?.id;
  const now = ids(e.after?.attendees);
  const was = e.action === 'create' ? new Set<number>() : ids(e.before?.attendees);
  const added = [...now].filter((u) => !was.has(u) && u !== owner);
  const removed = [...was].filter((u) => !now.has(u));
  if (added.length === 0 && removed.length === 0) return;
  const shares = await listShares(ctx, 'event', e.id);
  for (const user of added) {
    if (!shares.some((s) => s.user?.id === user)) await addShare(ctx, 'event', e.id, { user, level: 'read' });
  }
  for (const user of removed) {
    const s = shares.find((x) => x.user?.id === user && x.level === 'read');
    if (s) await removeShare(ctx, 'event', e.id, Number(s.id));
  }
}

export function registerEventHooks(engine: Engine): void {
  engine.registry.hooks.on('event', { before: beforeEvent, after: shareWithAttendees });
}
