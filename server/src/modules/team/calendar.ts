import type { Filter } from '@kehu/common';
import { sql } from 'kysely';
import { type Ctx, subjectOf } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import { readGate, readWhere } from '../../engine/query/list.ts';
import { readerReach } from '../../engine/query/reach.ts';
import { formatRow, loadExtras, selection } from '../../engine/query/select.ts';
import { col } from './links.ts';
import { occurrences, parseRule } from './recurrence.ts';
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

/** Users of the caller's department and the departments below it (who "my department" shows). */
async function departmentUsers(ctx: Ctx): Promise<number[]> {
  if (ctx.actor.departmentId === null) return [subjectOf(ctx.actor)];
  const user = ctx.registry.get('user');
  const dept = ctx.registry.get('department');
  const r = await sql<{ id: string }>`with recursive tree(id) as (
      select ${ctx.actor.departmentId}::bigint
      union select d.id from ${sql.table(dept.table)} d join tree on d.${sql.ref(col(ctx, 'department', 'parent'))} = tree.id
        where d.deleted_at is null
    ) select u.id from ${sql.table(user.table)} u
      where u.${sql.ref(col(ctx, 'user', 'department'))} in (select id from tree) and u.deleted_at is null`.execute(
    ctx.db,
  );
  return [...new Set([subjectOf(ctx.actor), ...r.rows.map((x) => Number(x.id))])];
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
  return {
    or: [
      { field: 'owner', op: 'in', value: ids },
      { field: 'attendees', op: 'in', value: ids },
    ],
  };
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
  // Occurrences are placed by start, end and rule: a caller who may not see those gets no calendar.
  for (const f of ['start', 'end', 'rrule'])
    if (!ctx.access.canReadField(obj, obj.fields.get(f)!)) throw new KehuError('FORBIDDEN');
  const sel = selection(obj, 't', readGate(ctx));
  const where = await readWhere(ctx, obj, { filter: await whoFilter(ctx, q.users) }, 'read');
  const editable = await ctx.access.predicate(obj, 'update', 't');
  const startCol = sql.ref(`t.${col(ctx, 'event', 'start')}`);
  const endCol = sql.ref(`t.${col(ctx, 'event', 'seriesEnd')}`);
  const r = await sql<Record<string, any>>`select ${sql.join(sel.columns)}, (${editable}) as "$editable"
    from ${sql.table(obj.table)} as t
    where ${where} and ${startCol} < ${to.toISOString()}
      and (${endCol} > ${from.toISOString()} or ${startCol} >= ${from.toISOString()})
    order by ${startCol}, t.id limit ${maxEvents + 1}`.execute(ctx.db);
  if (r.rows.length > maxEvents) throw new KehuError('TOO_MANY_RECORDS', { max: maxEvents });
  await loadExtras(ctx.db, ctx.registry, obj, sel.fields, r.rows, await readerReach(ctx));
  const out: Occurrence[] = [];
  for (const row of r.rows) {
    const rec = ctx.access.visible(obj, formatRow(row, sel.fields));
    const base = { ...rec, eventId: Number(row.id), editable: row.$editable === true };
    const rule = row[col(ctx, 'event', 'rrule')] as string | null;
    if (!rule) {
      out.push({
        ...base,
        key: String(row.id),
        start: iso(row, ctx, 'start'),
        end: iso(row, ctx, 'end'),
        recurring: false,
        originalStart: null,
      });
      continue;
    }
    const series = {
      rule: parseRule(rule),
      start: new Date(iso(row, ctx, 'start')),
      end: new Date(iso(row, ctx, 'end')),
      exdates: (row[col(ctx, 'event', 'exdates')] as string[] | null) ?? [],
    };
    for (const o of occurrences(series, from, to, ctx.timezone)) {
      const start = o.start.toISOString();
      out.push({
        ...base,
        key: `${row.id}@${start}`,
        start,
        end: o.end.toISOString(),
        recurring: true,
        originalStart: start,
      });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.eventId - b.eventId);
}

function iso(row: Record<string, any>, ctx: Ctx, field: string): string {
  const v = row[col(ctx, 'event', field)];
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}
