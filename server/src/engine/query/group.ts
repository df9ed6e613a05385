import type { Filter } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { GroupJoins, type KeyPlan, type MeasurePlan, planKey, planMeasure } from './group-plan.ts';
import { readGate, readWhere } from './list.ts';

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

function orderOf(l: Layout, sort: string | undefined): RawBuilder<unknown> {
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
  if (measure) return sql.join([sql`${sql.raw(String(measure.pos))} ${dir} nulls last`, ...tie]);
  if (name === 'key') return sql.join(l.keys.flatMap((k) => keyOrder(k, dir)));
  const key = l.keys.find((k) => k.plan.name === name);
  if (key) return sql.join([...keyOrder(key, dir), ...tie]);
  throw new KehuError('UNKNOWN_FIELD', { field: spec.slice(0, 60) });
}

/**
 * Grouped counts and aggregates (RPT-2, CUS-4): the same scope, filter and quick search as the list, over the
 * fields the caller may read. Keys come back as the field's value (`{ id, label }` for relations).
 */
export async function groupRecords(ctx: Ctx, obj: ObjectDef, q: GroupQuery): Promise<GroupResult> {
  if (ctx.access.scope(obj.name, 'read') === 'none') throw new KehuError('FORBIDDEN');
  if (!Array.isArray(q.by) || q.by.length < 1 || q.by.length > 2 || new Set(q.by).size !== q.by.length) {
    throw new KehuError('BAD_REQUEST', { detail: 'by: one or two keys' });
  }
  const names = ['count', ...(q.measures ?? []).filter((m) => m !== 'count')];
  if (names.length > maxMeasures + 1 || new Set(names).size !== names.length)
    throw new KehuError('BAD_REQUEST', { detail: 'measures' });
  const limit = q.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new KehuError('BAD_REQUEST', { detail: 'limit' });
  const gate = readGate(ctx);
  const joins = new GroupJoins();
  const keys = q.by.map((b) => planKey(ctx.registry, obj, b, gate, joins, ctx.timezone));
  const measures = names.map((m) => planMeasure(ctx.registry, obj, m, gate, joins));
  const l = layout(keys, measures);
  const order = orderOf(l, q.sort);
  const where = await readWhere(ctx, obj, { filter: q.filter, q: q.q }, 'read');
  const from = sql`from ${sql.table(obj.table)} as t ${sql.join(joins.list, sql` `)} where ${where}`;
  const groupBy = sql.join(
    l.keys.flatMap((k) => (k.label ? [k.value, k.label] : [k.value]).map((p) => sql.raw(String(p)))),
  );
  const totalsSelect = l.measures.map((m) => sql`${m.plan.expr} as ${sql.ref(`c${m.pos - 1}`)}`);
  const [rows, totals] = await Promise.all([
    sql<
      Record<string, unknown>
    >`select ${sql.join(l.select)} ${from} group by ${groupBy} order by ${order} limit ${limit}`.execute(ctx.db),
    sql<Record<string, unknown>>`select ${sql.join(totalsSelect)} ${from}`.execute(ctx.db),
  ]);
  const col = (row: Record<string, unknown>, pos: number) => row[`c${pos - 1}`];
  const measuresOf = (row: Record<string, unknown>) =>
    Object.fromEntries(l.measures.map((m) => [m.plan.name, m.plan.decode(col(row, m.pos))]));
  return {
    data: rows.rows.map((row) => ({
      key: Object.fromEntries(
        l.keys.map((k) => [k.plan.name, k.plan.decode(col(row, k.value), k.label ? col(row, k.label) : undefined)]),
      ),
      ...(measuresOf(row) as { count: number }),
    })),
    totals: measuresOf(totals.rows[0]),
  };
}
