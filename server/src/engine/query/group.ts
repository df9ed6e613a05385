import type { Filter } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { compileFilter } from './filter.ts';
import { GroupJoins, type KeyPlan, type MeasurePlan, planKey, planMeasure } from './group-plan.ts';
import { readWhere } from './list.ts';
import { queryGate, readerReach } from './reach.ts';

export interface GroupQuery {
  filter?: Filter;
  q?: string;
  /** One or two keys (see planKey). */
  by: string[];
  /** `count` (always included), `sum:amount`, `avg:amount`, `min:visits`, `max:createdAt` … */
  measures?: string[];
  /** `-count` (default), `count`, `key`/`-key` (all keys in order), a key or a measure name, `-` for descending. */
  sort?: string;
  /** At most 1000 groups (default 1000). */
  limit?: number;
}

export interface GroupResult {
  data: Array<{ key: Record<string, unknown>; count: number; [measure: string]: unknown }>;
  /** The same measures over every matching record. */
  totals: Record<string, unknown>;
}

const maxMeasures = 10;

/** Where each planned column sits in the select list (GROUP BY and ORDER BY use positions, never names). */
interface Layout {
  keys: Array<{ plan: KeyPlan; value: number; label?: number }>;
  measures: Array<{ plan: MeasurePlan; pos: number }>;
  select: RawBuilder<unknown>[];
}

function layout(keys: KeyPlan[], measures: MeasurePlan[]): Layout {
  const select: RawBuilder<unknown>[] = [];
  const add = (e: RawBuilder<unknown>) => select.push(sql`${e} as ${sql.ref(`c${select.length}`)}`);
  const out: Layout = { keys: [], measures: [], select };
  for (const plan of keys) {
    add(plan.value);
    const value = select.length;
    let label: number | undefined;
    if (plan.label) {
      add(plan.label);
      label = select.length;
    }
    out.keys.push({ plan, value, label });
  }
  for (const plan of measures) {
    add(plan.expr);
    out.measures.push({ plan, pos: select.length });
  }
  return out;
}

/** ORDER BY of the grouped query, or (`outer`) of a query over its output columns. */
function orderOf(l: Layout, sort: string | undefined, outer = false): RawBuilder<unknown> {
  const spec = sort ?? '-count';
  const desc = spec.startsWith('-');
  const name = desc ? spec.slice(1) : spec;
  const dir = sql.raw(desc ? 'desc' : 'asc');
  // A relation key sorts by its title, then by id so that equal titles stay apart.
  const keyOrder = (k: Layout['keys'][number], d: RawBuilder<unknown>) =>
    k.label
      ? [sql`${sql.raw(String(k.label))} ${d} nulls last`, sql`${sql.raw(String(k.value))} ${d}`]
      : [sql`${sql.raw(String(k.value))} ${d} nulls last`];
  const asc = sql.raw('asc');
  const tie = l.keys.flatMap((k) => keyOrder(k, asc));
  const measure = l.measures.find((m) => m.plan.name === name);
  const byMeasure = !measure?.plan.order
    ? sql.raw(String(measure?.pos))
    : outer
      ? sql`${sql.ref(`c${measure.pos - 1}`)}::numeric`
      : measure.plan.order;
  if (measure) return sql.join([sql`${byMeasure} ${dir} nulls last`, ...tie]);
  if (name === 'key') return sql.join(l.keys.flatMap((k) => keyOrder(k, dir)));
  const key = l.keys.find((k) => k.plan.name === name);
  if (key) return sql.join([...keyOrder(key, dir), ...tie]);
  throw new KehuError('UNKNOWN_FIELD', { field: spec.slice(0, 60) });
}

/** One measure of a grouping: its name in `measures` and, optionally, the rows it counts (`FILTER`). */
export interface MeasureRequest {
  name: string;
  measure: string;
  where?: Filter;
}

export interface GroupSpec {
  filter?: Filter;
  q?: string;
  by: string[];
  measures: MeasureRequest[];
  sort?: string;
  limit: number;
  /** Also compute the measures over every matching record. */
  totals?: boolean;
}

export interface Groups {
  rows: Array<{ key: Record<string, unknown>; values: Record<string, unknown> }>;
  totals?: Record<string, unknown>;
}

/**
 * The one grouping engine (RPT-2, CUS-4, module reports): the caller's scope, filter and quick search, keys and
 * measures through relations that carry their targets' scope, and only fields the caller sees in the clear.
 */
export async function groupBy(ctx: Ctx, obj: ObjectDef, q: GroupSpec): Promise<Groups> {
  if (ctx.access.scope(obj.name, 'read') === 'none') throw new KehuError('FORBIDDEN');
  const reach = await readerReach(ctx);
  const gate = queryGate(reach);
  const joins = new GroupJoins(reach);
  const env = { registry: ctx.registry, timezone: ctx.timezone, now: new Date(), reach };
  const keys = q.by.map((b) => planKey(ctx.registry, obj, b, gate, joins, ctx.timezone));
  const measures = q.measures.map((m) => {
    const when = m.where === undefined ? undefined : compileFilter(env, obj, m.where, 't');
    return { ...planMeasure(ctx.registry, obj, m.measure, gate, joins, when), name: m.name };
  });
  const l = layout(keys, measures);
  const where = await readWhere(ctx, obj, { filter: q.filter, q: q.q }, 'read');
  const from = sql`from ${sql.table(obj.table)} as t ${sql.join(joins.list, sql` `)} where ${where}`;
  const col = (row: Record<string, unknown>, pos: number) => row[`c${pos - 1}`];
  const measuresOf = (row: Record<string, unknown>) =>
    Object.fromEntries(l.measures.map((m) => [m.plan.name, m.plan.decode(col(row, m.pos))]));
  const totalsSelect = l.measures.map((m) => sql`${m.plan.expr} as ${sql.ref(`c${m.pos - 1}`)}`);
  const groupCols = l.keys.flatMap((k) => (k.label ? [k.value, k.label] : [k.value]).map((p) => sql.raw(String(p))));
  const run = async (): Promise<{ rows: Record<string, unknown>[]; totals?: Record<string, unknown> }> => {
    if (keys.length === 0) {
      const r = await sql<Record<string, unknown>>`select ${sql.join(totalsSelect)} ${from}`.execute(ctx.db);
      return { rows: [], totals: r.rows[0] };
    }
    if (!q.totals) {
      const r = await sql<Record<string, unknown>>`select ${sql.join(l.select)} ${from}
        group by ${sql.join(groupCols)} order by ${orderOf(l, q.sort)} limit ${q.limit}`.execute(ctx.db);
      return { rows: r.rows };
    }
    // Groups and totals from one scan: the totals are windows over the groups, computed before the limit. Every
    // record falls in exactly one group (keys are single values), so the groups add up to the whole; the scan and
    // the grouping stay parallel and can read an index alone, which a grouping set for the totals prevents.
    const totalCols = l.measures.map((m, i) => sql`${m.plan.total} as ${sql.ref(`$t${i}`)}`);
    const r = await sql<Record<string, unknown>>`select ${sql.join([...l.select, ...totalCols])} ${from}
      group by ${sql.join(groupCols)} order by ${orderOf(l, q.sort)} limit ${q.limit}`.execute(ctx.db);
    const first = r.rows[0];
    if (first) {
      const totals = Object.fromEntries(l.measures.map((m, i) => [`c${m.pos - 1}`, first[`$t${i}`]]));
      return { rows: r.rows, totals };
    }
    // Nothing matches: the measures of no rows, without reading the table again.
    const none = await sql<Record<string, unknown>>`select ${sql.join(totalsSelect)}
      from ${sql.table(obj.table)} as t ${sql.join(joins.list, sql` `)} where false`.execute(ctx.db);
    return { rows: [], totals: none.rows[0] };
  };
  const { rows, totals } = await run();
  return {
    rows: rows.map((row) => ({
      key: Object.fromEntries(
        l.keys.map((k) => [k.plan.name, k.plan.decode(col(row, k.value), k.label ? col(row, k.label) : undefined)]),
      ),
      values: measuresOf(row),
    })),
    totals: totals ? measuresOf(totals) : undefined,
  };
}

/**
 * Grouped counts and aggregates of the records API (`GET /api/objects/:object/group`): one or two keys, `count`
 * always, at most 1000 groups. Keys come back as the field's value (`{ id, label }` for relations).
 */
export async function groupRecords(ctx: Ctx, obj: ObjectDef, q: GroupQuery): Promise<GroupResult> {
  if (!Array.isArray(q.by) || q.by.length < 1 || q.by.length > 2 || new Set(q.by).size !== q.by.length) {
    throw new KehuError('BAD_REQUEST', { detail: 'by: one or two keys' });
  }
  const names = ['count', ...(q.measures ?? []).filter((m) => m !== 'count')];
  if (names.length > maxMeasures + 1 || new Set(names).size !== names.length)
    throw new KehuError('BAD_REQUEST', { detail: 'measures' });
  const limit = q.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new KehuError('BAD_REQUEST', { detail: 'limit' });
  const r = await groupBy(ctx, obj, {
    filter: q.filter,
    q: q.q,
    by: q.by,
    measures: names.map((m) => ({ name: m, measure: m })),
    sort: q.sort,
    limit,
    totals: true,
  });
  return {
    data: r.rows.map((row) => ({ key: row.key, ...(row.values as { count: number }) })),
    totals: r.totals ?? {},
  };
}
