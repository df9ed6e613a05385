import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { readWhere } from '../../engine/query/list.ts';
import { all, type SalesParams, salesFilter } from './filters.ts';
import { meta } from './meta.ts';
import { ratio, sum } from './money.ts';
import type { Range } from './period.ts';

interface Ranked {
  k: string;
  label: string | null;
  amount: string;
  n: number;
  cum: string;
  total: string;
  cls: string;
  rk: number;
}

/**
 * ABC (80/20) analysis of customers by won amount in a period (SAL-5, CUS-4): customers ranked by amount; class A
 * are the top customers that together make the first `a`% of sales (the one crossing the line included), B the next
 * ones up to `b`%, C the rest. Inside the caller's scope, like every figure here.
 */
export async function abcAnalysis(
  ctx: Ctx,
  q: { range: Range; params: SalesParams; a: number; b: number; limit: number },
) {
  const o = meta(ctx, 'opportunity');
  const c = meta(ctx, 'customer');
  const base = await salesFilter(ctx, q.params);
  const won = all(
    base,
    { field: 'status', op: 'eq', value: 'won' },
    { field: 'closedOn', op: 'between', value: [q.range.from, q.range.to] },
  )!;
  const where = await readWhere(ctx, o.obj, { filter: won }, 'read', 'o');
  const ranked = sql`with s as (
      select ${o.ref('o', 'customer')} as k, sum(${o.ref('o', 'amount')}) as amt, count(*)::int as n
      from ${o.table} as o where ${where} group by 1
    ), r as (
      select s.*, sum(amt) over (order by amt desc nulls last, k rows unbounded preceding) as cum,
        sum(amt) over () as total, row_number() over (order by amt desc nulls last, k)::int as rk from s
    ) select r.*, case when coalesce(cum - amt, 0) < total * ${q.a} / 100.0 then 'A'
        when coalesce(cum - amt, 0) < total * ${q.b} / 100.0 then 'B' else 'C' end as cls from r`;
  const classes = await sql<{ cls: string; customers: number; amount: string }>`select cls, count(*)::int as customers,
      coalesce(sum(amt), 0)::numeric(20, 2)::text as amount from (${ranked}) x group by cls order by cls`.execute(
    ctx.db,
  );
  const top = await sql<Ranked>`select x.k::text as k, ${c.ref('cu', 'name')} as label,
      coalesce(x.amt, 0)::numeric(20, 2)::text as amount, x.n, coalesce(x.cum, 0)::numeric(20, 2)::text as cum,
      coalesce(x.total, 0)::numeric(20, 2)::text as total, x.cls, x.rk
    from (${ranked}) x left join ${c.table} as cu on cu.id = x.k order by x.rk limit ${q.limit}`.execute(ctx.db);
  const customers = classes.rows.reduce((s, r) => s + r.customers, 0);
  const totalText = sum(classes.rows.map((r) => r.amount));
  return {
    range: q.range,
    thresholds: { a: q.a, b: q.b },
    total: { customers, amount: totalText, filter: won },
    classes: ['A', 'B', 'C'].map((cls) => {
      const r = classes.rows.find((x) => x.cls === cls);
      return {
        class: cls,
        customers: r?.customers ?? 0,
        amount: r?.amount ?? '0.00',
        amountShare: ratio(r?.amount ?? '0', totalText),
        customerShare: customers ? Math.round(((r?.customers ?? 0) / customers) * 10_000) / 10_000 : null,
      };
    }),
    customers: top.rows.map((r) => ({
      rank: r.rk,
      customer: { id: Number(r.k), label: r.label },
      class: r.cls,
      amount: r.amount,
      count: r.n,
      share: ratio(r.amount, r.total),
      cumulativeShare: ratio(r.cum, r.total),
      filter: all(won, { field: 'customer', op: 'eq', value: Number(r.k) }),
    })),
  };
}
