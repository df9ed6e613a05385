import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { all, type SalesParams, salesFilter } from './filters.ts';
import { idOf } from './meta.ts';
import { cents, ratio, sum, text } from './money.ts';
import type { Range } from './period.ts';

interface Ranked {
  id: number | null;
  label: string | null;
  /** Cents; null when every amount of the customer is empty (such customers rank last). */
  amt: bigint | null;
  n: number;
  cum: bigint | null;
  cls: string;
  rank: number;
}

/** Every customer with won opportunities: ranking and cumulative sums happen here, exactly, in cents. */
const allGroups = 100_000;

/** Rank by amount (empty last, then by id), the running total, and the class where the running total crosses. */
function rank(list: Array<Omit<Ranked, 'cum' | 'cls' | 'rank'>>, a: number, b: number): Ranked[] {
  const sorted = [...list].sort((x, y) => {
    if (x.amt !== y.amt) return x.amt === null ? 1 : y.amt === null ? -1 : x.amt > y.amt ? -1 : 1;
    return x.id === y.id ? 0 : x.id === null ? 1 : y.id === null ? -1 : x.id - y.id;
  });
  const priced = sorted.filter((x) => x.amt !== null);
  const total = priced.length ? priced.reduce((s, x) => s + (x.amt as bigint), 0n) : null;
  // Class A: the customers before whom less than a% of the total was reached (the one crossing included).
  const below = (before: bigint, pct: number) =>
    total !== null && before * 10_000n < total * BigInt(Math.round(pct * 100));
  let cum: bigint | null = null;
  return sorted.map((x, i) => {
    if (x.amt !== null) cum = (cum ?? 0n) + x.amt;
    const before = cum !== null && x.amt !== null ? cum - x.amt : 0n;
    const cls = below(before, a) ? 'A' : below(before, b) ? 'B' : 'C';
    return { ...x, cum, cls, rank: i + 1 };
  });
}

/**
 * ABC (80/20) analysis of customers by won amount in a period (SAL-5, CUS-4): customers ranked by amount; class A
 * are the top customers that together make the first `a`% of sales (the one crossing the line included), B the next
 * ones up to `b`%, C the rest. Inside the caller's scope, like every figure here; without the right to see amounts
 * there is nothing to rank (classes without figures, no customers).
 */
export async function abcAnalysis(
  ctx: Ctx,
  q: { range: Range; params: SalesParams; a: number; b: number; limit: number },
) {
  const base = await salesFilter(ctx, q.params);
  const won = all(
    base,
    { field: 'status', op: 'eq', value: 'won' },
    { field: 'closedOn', op: 'between', value: [q.range.from, q.range.to] },
  )!;
  const opportunities = records(ctx, 'opportunity');
  const amounts = opportunities.canQuery('amount');
  const money: Record<string, string> = amounts ? { amount: 'sum:amount', priced: 'count:amount' } : {};
  const groups = await opportunities.aggregate({
    filter: won,
    by: ['customer'],
    measures: { n: 'count', ...money },
    limit: allGroups,
  });
  const list = groups.rows.map(({ key, values }) => ({
    id: idOf(key.customer),
    label: (key.customer as { label: string | null } | null)?.label ?? null,
    amt: amounts && Number(values.priced) > 0 ? cents(values.amount) : null,
    n: Number(values.n),
  }));
  const ranked = rank(list, q.a, q.b);
  const customers = ranked.length;
  const classes = ['A', 'B', 'C'].map((cls) => {
    const members = ranked.filter((r) => r.cls === cls);
    return { cls, customers: members.length, amount: text(members.reduce((s, r) => s + (r.amt ?? 0n), 0n)) };
  });
  const totalText = amounts ? sum(classes.map((c) => c.amount)) : null;
  const total = text(ranked.reduce((s, r) => s + (r.amt ?? 0n), 0n));
  return {
    range: q.range,
    thresholds: { a: q.a, b: q.b },
    total: { customers, amount: totalText, filter: won },
    classes: classes.map((c) => ({
      class: c.cls,
      customers: amounts ? c.customers : null,
      amount: amounts ? c.amount : null,
      amountShare: amounts ? ratio(c.amount, totalText) : null,
      customerShare: amounts && customers ? Math.round((c.customers / customers) * 10_000) / 10_000 : null,
    })),
    customers: (amounts ? ranked.slice(0, q.limit) : []).map((r) => {
      const amount = text(r.amt ?? 0n);
      return {
        rank: r.rank,
        customer: { id: Number(r.id), label: r.label },
        class: r.cls,
        amount,
        count: r.n,
        share: ratio(amount, total),
        cumulativeShare: ratio(text(r.cum ?? 0n), total),
        filter: all(won, { field: 'customer', op: 'eq', value: Number(r.id) }),
      };
    }),
  };
}
