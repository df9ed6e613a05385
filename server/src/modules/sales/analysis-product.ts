import type { Filter } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { readWhere } from '../../engine/query/list.ts';
import type { Grouping, Row } from './analysis-keys.ts';
import { meta } from './meta.ts';

/** Won opportunities (`filter`) by product (SAL-5): amounts and quantities of their lines. */
export async function productGroups(ctx: Ctx, filter: Filter): Promise<Grouping> {
  const o = meta(ctx, 'opportunity');
  const l = meta(ctx, 'opportunityLine');
  const p = meta(ctx, 'product');
  const lines = records(ctx, 'opportunityLine');
  const amounts = records(ctx, 'opportunity').canQuery('amount') && lines.canQuery('amount');
  const units = lines.canQuery('quantity');
  const named = records(ctx, 'product').canQuery('name');
  // Raw SQL, justified: a product's amount is its line's, falling back to the opportunity's, and an opportunity
  // counts once per product (count distinct) — arithmetic across two objects that the grouping does not express.
  // Opportunities, lines and products are each read through their own access predicate.
  const where = await readWhere(ctx, o.obj, { filter }, 'read', 'o');
  const lineScope = await readWhere(ctx, l.obj, {}, 'read', 'l');
  const productScope = await ctx.access.predicate(p.obj, 'read', 'p');
  const amount = sql`coalesce(${l.ref('l', 'amount')}, ${o.ref('o', 'amount')})`;
  const r = await sql<Row>`select ${l.ref('l', 'product')}::text as k,
      ${named ? p.ref('p', 'name') : sql`null::text`} as label, count(distinct o.id)::int as n,
      coalesce(sum(${amount}), 0)::numeric(20, 2)::text as amount, count(${amount})::int as priced,
      coalesce(sum(${l.ref('l', 'quantity')}), 0)::text as units
    from ${o.table} as o left join ${l.table} as l on ${l.ref('l', 'opportunity')} = o.id and ${lineScope}
      left join ${p.table} as p on p.id = ${l.ref('l', 'product')} and ${productScope}
    where ${where} group by 1, 2`.execute(ctx.db);
  // Figures the caller may not see never leave the server.
  const rows = r.rows.map((x) => ({
    ...x,
    ...(amounts ? {} : { amount: '0.00', priced: 0 }),
    ...(units ? {} : { units: '0' }),
  }));
  return { rows, amounts, units };
}
