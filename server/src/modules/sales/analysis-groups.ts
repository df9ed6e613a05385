import { type AnalysisKey, type Filter, timeKeys } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { records, through } from '../../engine/query/builder.ts';
import { type Grouping, keyPlan, type Row } from './analysis-keys.ts';
import { productGroups } from './analysis-product.ts';
import { all } from './filters.ts';
import { addDecimal, cents } from './money.ts';
import { orgIndex, readOrg } from './org.ts';
import type { Range } from './period.ts';

/** Every group: ranking happens here, on exact decimals (the engine's grouping orders sums as text). */
const allGroups = 100_000;
const prefix = 'opportunity.';

export const wonIn = (r: Range): Filter =>
  all({ field: 'status', op: 'eq', value: 'won' }, { field: 'closedOn', op: 'between', value: [r.from, r.to] })!;

/** Through the engine's grouping: the opportunities' count and amount, their lines' quantities by the same key. */
async function engineGroups(ctx: Ctx, by: AnalysisKey | 'none', filter: Filter): Promise<Grouping> {
  const plan = keyPlan(by);
  const opportunities = records(ctx, 'opportunity');
  const lines = records(ctx, 'opportunityLine');
  const amounts = opportunities.canQuery('amount');
  const units = lines.canQuery('quantity');
  const org = plan.org ? orgIndex(await readOrg(ctx, { deleted: true })) : undefined;
  const money: Record<string, string> = amounts ? { amount: 'sum:amount', priced: 'count:amount' } : {};
  const [opps, qty] = await Promise.all([
    opportunities.aggregate({ filter, by: plan.by, measures: { n: 'count', ...money }, limit: allGroups }),
    units
      ? lines.aggregate({
          filter: through('opportunity', filter),
          by: plan.by.map((p) => prefix + p),
          measures: { units: 'sum:quantity' },
          limit: allGroups,
        })
      : undefined,
  ]);
  const groups = (g: typeof opps) => (plan.by.length ? g.rows : [{ key: {}, values: g.totals ?? {} }]);
  const out = new Map<string | null, Row>();
  for (const { key, values } of groups(opps)) {
    const { value, label } = plan.key(key, org);
    const row = out.get(value) ?? { k: value, label, n: 0, amount: '0.00', priced: 0, units: '0' };
    row.n += Number(values.n);
    row.amount = addDecimal(row.amount, String(values.amount ?? '0'));
    row.priced += Number(values.priced ?? 0);
    row.label ??= label;
    out.set(value, row);
  }
  for (const { key, values } of qty ? groups(qty) : []) {
    const own = Object.fromEntries(Object.entries(key).map(([k, v]) => [k.slice(prefix.length), v]));
    const row = out.get(plan.key(own, org).value);
    if (row) row.units = addDecimal(row.units, String(values.units ?? '0'));
  }
  return { rows: [...out.values()], amounts, units };
}

/** Time buckets in order; other keys by amount (empty sums last), then by key. */
function ranked(g: Grouping, by: AnalysisKey | 'none', limit: number): Row[] {
  const byKey = (a: Row, b: Row) => (a.k === b.k ? 0 : a.k === null ? 1 : b.k === null ? -1 : a.k < b.k ? -1 : 1);
  const sumOf = (r: Row) => (r.priced ? cents(r.amount) : null);
  const byAmount = (a: Row, b: Row) => {
    if (!g.amounts) return b.n - a.n;
    const [x, y] = [sumOf(a), sumOf(b)];
    return x === y ? 0 : x === null ? 1 : y === null ? -1 : x > y ? -1 : 1;
  };
  const time = by !== 'none' && timeKeys.has(by);
  return [...g.rows].sort((a, b) => (time ? 0 : byAmount(a, b)) || byKey(a, b)).slice(0, limit);
}

/** Won opportunities closed in `range`, grouped by one key (SAL-5), ranked and cut to `limit`. */
export async function grouped(
  ctx: Ctx,
  by: AnalysisKey | 'none',
  range: Range,
  base: Filter | undefined,
  limit: number,
): Promise<Grouping> {
  const filter = all(base, wonIn(range))!;
  const g = by === 'product' ? await productGroups(ctx, filter) : await engineGroups(ctx, by, filter);
  return { ...g, rows: ranked(g, by, limit) };
}
