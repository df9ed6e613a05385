import type { Filter, ForecastGroup } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { readWhere } from '../../engine/query/list.ts';
import { all, type SalesParams, salesFilter } from './filters.ts';
import { meta } from './meta.ts';
import { add, sum } from './money.ts';
import type { Period } from './period.ts';
import { type PeriodTarget, periodTargets, readTargets, subjectKey } from './targets.service.ts';

/** Pessimistic = open opportunities flagged committed or at least this probable (SAL-4). */
export const commitProbability = 80;

interface Row {
  k: string | null;
  label: string | null;
  pessimistic: string;
  normal: string;
  optimistic: string;
  won: string;
  commit_n: number;
  open_n: number;
  won_n: number;
}

/** Grouping by product: amounts come from the lines. */
function productPlan(ctx: Ctx) {
  const o = meta(ctx, 'opportunity');
  const l = meta(ctx, 'opportunityLine');
  const p = meta(ctx, 'product');
  const lineAmount = sql`coalesce(${l.ref('l', 'amount')}, ${o.ref('o', 'amount')})`;
  return {
    key: sql`${l.ref('l', 'product')}`,
    label: sql`${p.ref('p', 'name')}`,
    joins: sql`left join ${l.table} as l on ${l.ref('l', 'opportunity')} = o.id and l.deleted_at is null
      left join ${p.table} as p on p.id = ${l.ref('l', 'product')}`,
    amount: lineAmount,
    weighted: sql`round(${lineAmount} * ${o.ref('o', 'probability')} / 100, 2)`,
    // Several lines of one opportunity share its row.
    count: sql`count(distinct o.id)`,
  };
}

const keyFilter = (by: ForecastGroup, id: number | null): Filter | undefined => {
  if (by === 'owner') return id === null ? { field: 'owner', op: 'isEmpty' } : { field: 'owner', op: 'eq', value: id };
  if (by === 'department')
    return id === null
      ? { field: 'owner.department', op: 'isEmpty' }
      : { field: 'owner.department', op: 'eq', value: id };
  if (by === 'product')
    return id === null ? { field: 'products', op: 'isEmpty' } : { field: 'products', op: 'in', value: [id] };
  return undefined;
};

function targetOf(targets: Map<string, PeriodTarget>, by: ForecastGroup, id: number | null) {
  if (by === 'none') return targets.get(subjectKey('company', null))?.tiers ?? null;
  if (id === null) return null;
  if (by === 'owner') return targets.get(subjectKey('salesperson', id))?.tiers ?? null;
  if (by === 'department')
    return (targets.get(subjectKey('region', id)) ?? targets.get(subjectKey('office', id)))?.tiers ?? null;
  return null;
}

/**
 * Forecast of a month, quarter or year (SAL-4) over open opportunities expected to close in it — pessimistic
 * (committed or probability ≥ 80), normal (probability-weighted), optimistic (all open) — plus those already won in
 * it, each figure with the filter that drills to its opportunities, beside the sales-amount target.
 */
export async function forecast(ctx: Ctx, q: { period: Period; by: ForecastGroup; params: SalesParams }) {
  const o = meta(ctx, 'opportunity');
  const base = await salesFilter(ctx, q.params);
  const where = await readWhere(ctx, o.obj, { filter: base }, 'read', 'o');
  // Only the targets the figures stand beside: the level of the grouping, the months of the period.
  const levels: Record<ForecastGroup, string[]> = {
    none: ['company'],
    owner: ['company', 'salesperson'],
    department: ['company', 'region', 'office'],
    product: ['company'],
  };
  const targetFilter: Filter = {
    and: [
      { field: 'level', op: 'in', value: levels[q.by] },
      {
        or: [
          { field: 'month', op: 'isEmpty' },
          { field: 'month', op: 'in', value: q.period.months },
        ],
      },
    ],
  };
  const targets = periodTargets(await readTargets(ctx, q.period.year, 'amount', targetFilter), q.period);
  const { from, to } = q.period;
  const inPeriod = (f: string) => sql`${o.ref('o', f)} between ${from}::date and ${to}::date`;
  const open = sql`${o.ref('o', 'status')} = 'open' and ${inPeriod('expectedCloseDate')}`;
  const commit = sql`${open} and (${o.ref('o', 'committed')} or ${o.ref('o', 'probability')} >= ${commitProbability})`;
  const won = sql`${o.ref('o', 'status')} = 'won' and ${inPeriod('closedOn')}`;
  const total = (e: RawBuilder<unknown>, cond: RawBuilder<unknown>) =>
    sql`coalesce(sum(${e}) filter (where ${cond}), 0)::numeric(20, 2)::text`;
  const openF = all(
    { field: 'status', op: 'eq', value: 'open' },
    { field: 'expectedCloseDate', op: 'between', value: [from, to] },
  )!;
  const wonF = all(
    { field: 'status', op: 'eq', value: 'won' },
    { field: 'closedOn', op: 'between', value: [from, to] },
  )!;
  const commitF = all(openF, {
    or: [
      { field: 'committed', op: 'eq', value: true },
      { field: 'probability', op: 'gte', value: commitProbability },
    ],
  })!;
  const opportunities = records(ctx, 'opportunity');
  // Amounts only where the caller sees them (a role may hide them: the figures are then null); counts always.
  const lines = records(ctx, 'opportunityLine');
  const byLines = q.by === 'product';
  const amount = opportunities.canQuery('amount') && (!byLines || lines.canQuery('amount'));
  const shown = {
    amount,
    weighted: byLines ? amount && opportunities.canQuery('probability') : opportunities.canQuery('weightedAmount'),
  };
  const keyPath: Record<Exclude<ForecastGroup, 'product'>, string[]> = {
    none: [],
    owner: ['owner'],
    department: ['owner.department'],
  };
  // Through the engine's grouping: the owner's and department's labels carry their own scope.
  const aggregated = async (by: Exclude<ForecastGroup, 'product'>): Promise<Row[]> => {
    const r = await opportunities.aggregate({
      filter: all(base, { or: [openF, wonF] }),
      by: keyPath[by],
      measures: {
        ...(shown.amount
          ? {
              pessimistic: { measure: 'sum:amount', where: commitF },
              optimistic: { measure: 'sum:amount', where: openF },
              won: { measure: 'sum:amount', where: wonF },
            }
          : {}),
        ...(shown.weighted ? { normal: { measure: 'sum:weightedAmount', where: openF } } : {}),
        commit_n: { measure: 'count', where: commitF },
        open_n: { measure: 'count', where: openF },
        won_n: { measure: 'count', where: wonF },
      },
      sort: 'key',
    });
    const rows = by === 'none' ? [{ key: {}, values: r.totals ?? {} }] : r.rows;
    return rows.map(({ key, values }) => {
      const k = keyPath[by][0] ? (key[keyPath[by][0]] as { id: number; label: string | null } | null) : null;
      return { k: k ? String(k.id) : null, label: k?.label ?? null, ...(values as Omit<Row, 'k' | 'label'>) };
    });
  };
  const run = (by: ForecastGroup) => (by === 'product' ? byProduct() : aggregated(by));
  // Raw SQL, justified: a product's amount is its line's, falling back to the opportunity's, weighted by the
  // opportunity's probability — arithmetic across two objects that the grouping does not express. Lines are read
  // through the opportunity's access predicate.
  const byProduct = async () => {
    const p = productPlan(ctx);
    return (
      await sql<Row>`select ${p.key}::text as k, ${p.label} as label,
        ${total(p.amount, commit)} as pessimistic, ${total(p.weighted, open)} as normal,
        ${total(p.amount, open)} as optimistic, ${total(p.amount, won)} as won,
        ${p.count} filter (where ${commit})::int as commit_n,
        ${p.count} filter (where ${open})::int as open_n,
        ${p.count} filter (where ${won})::int as won_n
      from ${o.table} as o ${p.joins}
      where ${where} and ((${open}) or (${won}))
      group by 1, 2 order by 2 nulls last, 1`.execute(ctx.db)
    ).rows;
  };
  const figures = (r: Row | undefined, by: ForecastGroup) => {
    const id = r?.k ? Number(r.k) : null;
    const key = by === 'none' ? undefined : keyFilter(by, id);
    const fig = (amount: string | undefined, count: number | undefined, f: Filter | undefined, seen: boolean) => ({
      amount: seen ? (amount ?? '0.00') : null,
      count: count ?? 0,
      filter: all(base, key, f),
    });
    const x = {
      won: fig(r?.won, r?.won_n, wonF, shown.amount),
      pessimistic: fig(r?.pessimistic, r?.commit_n, commitF, shown.amount),
      normal: fig(r?.normal, r?.open_n, openF, shown.weighted),
      optimistic: fig(r?.optimistic, r?.open_n, openF, shown.amount),
    };
    const plus = (a: string | null, b: string | null) => (a === null || b === null ? null : add(a, b));
    return {
      key: by === 'none' ? null : { id, label: r?.label ?? null },
      target: targetOf(targets, by, id),
      ...x,
      expected: {
        pessimistic: plus(x.won.amount, x.pessimistic.amount),
        normal: plus(x.won.amount, x.normal.amount),
        optimistic: plus(x.won.amount, x.optimistic.amount),
      },
    };
  };
  const grouped = q.by === 'none' ? [] : await run(q.by);
  // Each opportunity falls in exactly one owner or department row, so their sum is the total (one scan less).
  const summed = (rows: Row[]): Row => ({
    k: null,
    label: null,
    pessimistic: sum(rows.map((r) => r.pessimistic)),
    normal: sum(rows.map((r) => r.normal)),
    optimistic: sum(rows.map((r) => r.optimistic)),
    won: sum(rows.map((r) => r.won)),
    commit_n: rows.reduce((n, r) => n + r.commit_n, 0),
    open_n: rows.reduce((n, r) => n + r.open_n, 0),
    won_n: rows.reduce((n, r) => n + r.won_n, 0),
  });
  const partition = q.by === 'owner' || q.by === 'department';
  const totals = figures(partition ? summed(grouped) : (await run('none'))[0], 'none');
  const rows = grouped.map((r) => figures(r, q.by));
  return {
    period: { from, to, label: q.period.label, kind: q.period.kind },
    groupBy: q.by,
    rules: { commitProbability },
    totals,
    rows,
  };
}
