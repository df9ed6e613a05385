import type { Filter } from '@kehu/common';
import { type Ctx, subjectOf } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import { records } from '../../engine/query/builder.ts';
import { allowedIds, inIds, refId } from '../customers/record-reads.ts';
import { occurrences, parseRule } from './recurrence.ts';
import { systemOf } from './system.ts';
import { dayStart, isDate } from './time.ts';

/** A calendar window spans at most this many days (a month view with its edges is about 42). */
const maxDays = 400;
/** Events (not occurrences) fetched for one window. */
const maxEvents = 5000;

export interface CalendarQuery {
  from?: string;
  to?: string;
  /** `me` (default), `department`, `all`, or user ids separated by commas. */
  users?: string;
}

export interface Occurrence extends Record<string, unknown> {
  /** Unique per occurrence: the event id, or `id@start` for an occurrence of a series. */
  key: string;
  eventId: number;
  start: string;
  end: string;
  recurring: boolean;
  /** For occurrences of a series: the start that identifies it (to move or skip it). */
  originalStart: string | null;
  /** May the caller change it (drag to reschedule)? */
  editable: boolean;
}

function instant(v: string | undefined, name: string, tz: string): Date {
  if (v === undefined || v === '') throw validationFailed({ [name]: 'required' });
  if (isDate(v)) return dayStart(v, tz);
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(t)) throw validationFailed({ [name]: 'invalidDate' });
  return new Date(t);
}

/**
 * Users of the caller's department and the departments below it (who "my department" shows). Read as the system:
 * it only chooses among the events the caller's own scope then lets through.
 */
async function departmentUsers(ctx: Ctx): Promise<number[]> {
  const me = subjectOf(ctx.actor);
  if (ctx.actor.departmentId === null) return [me];
  const sys = systemOf(ctx);
  const children = new Map<number, number[]>();
  for (const d of await records(sys, 'department').all({})) {
    const parent = refId(d.parent);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), Number(d.id)]);
  }
  const tree = [ctx.actor.departmentId];
  for (let i = 0; i < tree.length; i++)
    for (const c of children.get(tree[i]) ?? []) if (!tree.includes(c)) tree.push(c);
  const users = await records(sys, 'user').all({ filter: inIds('department', tree) });
  return [...new Set([me, ...users.map((u) => Number(u.id))])];
}

/**
 * Whose calendars to show. This only chooses among what the caller may read: the access predicate still limits
 * every row, so `all` for a salesperson means "everything I may see".
 */
async function whoFilter(ctx: Ctx, users: string | undefined): Promise<Filter | undefined> {
  let ids: number[];
  if (users === undefined || users === '' || users === 'me') ids = [subjectOf(ctx.actor)];
  else if (users === 'all') return undefined;
  else if (users === 'department') ids = await departmentUsers(ctx);
  else {
    const parts = users.split(',');
    if (parts.length > 200 || !parts.every((p) => /^\d{1,15}$/.test(p))) throw validationFailed({ users: 'format' });
    ids = parts.map(Number);
  }
  return { or: [inIds('owner', ids), inIds('attendees', ids)] };
}

/**
 * The calendar (TEAM-1): events the caller may read that overlap [from, to), series expanded into their
 * occurrences, sorted by start. Dates alone mean midnight in the company's time zone.
 */
export async function calendar(ctx: Ctx, q: CalendarQuery): Promise<Occurrence[]> {
  const from = instant(q.from, 'from', ctx.timezone);
  const to = instant(q.to, 'to', ctx.timezone);
  if (to <= from) throw validationFailed({ to: 'endBeforeStart' });
  if (to.getTime() - from.getTime() > maxDays * 86_400_000) throw validationFailed({ to: 'tooLarge' });
  const obj = ctx.registry.get('event');
  if (ctx.access.scope('event', 'read') === 'none') throw new KehuError('FORBIDDEN');
  // Occurrences are found by start and series end and placed by start, end, rule and skipped starts: a caller who
  // may not see those in the clear gets no calendar.
  for (const f of ['start', 'end', 'rrule', 'exdates', 'seriesEnd'])
    if (!ctx.access.canQueryField(obj, obj.fields.get(f)!)) throw new KehuError('FORBIDDEN');
  const who = await whoFilter(ctx, q.users);
  const overlaps: Filter[] = [
    { field: 'start', op: 'lt', value: to.toISOString() },
    {
      or: [
        { field: 'seriesEnd', op: 'gt', value: from.toISOString() },
        { field: 'start', op: 'gte', value: from.toISOString() },
      ],
    },
  ];
  const events = records(ctx, 'event');
  const rows = await events.all(
    { filter: { and: [...(who ? [who] : []), ...overlaps] }, sort: [{ field: 'start', dir: 'asc' }] },
    maxEvents + 1,
  );
  if (rows.length > maxEvents) throw new KehuError('TOO_MANY_RECORDS', { max: maxEvents });
  // Drag to reschedule: the events the caller may also update (the access predicate for `update`, shares included).
  const editable = await allowedIds(
    ctx,
    'event',
    rows.map((r) => Number(r.id)),
    'update',
  );
  const out: Occurrence[] = [];
  for (const rec of rows) {
    const id = Number(rec.id);
    const base = { ...rec, eventId: id, editable: editable.has(id) };
    const rule = rec.rrule as string | null | undefined;
    if (!rule) {
      out.push({
        ...base,
        key: String(id),
        start: iso(rec.start),
        end: iso(rec.end),
        recurring: false,
        originalStart: null,
      });
      continue;
    }
    const series = {
      rule: parseRule(rule),
      start: new Date(iso(rec.start)),
      end: new Date(iso(rec.end)),
      exdates: (rec.exdates as string[] | null) ?? [],
    };
    for (const o of occurrences(series, from, to, ctx.timezone)) {
      const start = o.start.toISOString();
      out.push({
        ...base,
        key: `${id}@${start}`,
        start,
        end: o.end.toISOString(),
        recurring: true,
        originalStart: start,
      });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.eventId - b.eventId);
}

/** A datetime of the record in ISO form. */
function iso(v: unknown): string {
  return new Date(v as string).toISOString();
}
