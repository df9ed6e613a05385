import type { Metric } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { readWhere } from '../../engine/query/list.ts';
import { meta } from './meta.ts';
import { add } from './money.ts';
import type { Range } from './period.ts';

/** Actual figures of a period as decimal text, per owning salesperson and per dealer. */
export interface Actuals {
  byOwner: Map<number, string>;
  byDealer: Map<number, string>;
}

/**
 * Where achievement figures come from (DLR-5). Today: won opportunities. The orders module can register sources
 * for amount/units (orders) and collections (receipts) with `setActualsSource` without touching the roll-up.
 * A source must read inside the caller's scope.
 */
export interface ActualsSource {
  name: string;
  /** Null when the source does not know this metric. */
  load(ctx: Ctx, range: Range, metric: Metric): Promise<Actuals | null>;
}

/** Won opportunities closed in the period: amount, or units = quantities of their product lines. */
export const wonOpportunities: ActualsSource = {
  name: 'wonOpportunities',
  async load(ctx, range, metric) {
    if (metric === 'collections') return null;
    const o = meta(ctx, 'opportunity');
    const c = meta(ctx, 'customer');
    const l = meta(ctx, 'opportunityLine');
    const where = await readWhere(ctx, o.obj, {}, 'read', 'o');
    const value =
      metric === 'amount'
        ? sql`${o.ref('o', 'amount')}`
        : sql`(select sum(${l.ref('l', 'quantity')}) from ${l.table} as l
            where ${l.ref('l', 'opportunity')} = o.id and l.deleted_at is null)`;
    const r = await sql<{ owner: string | null; dealer: string | null; total: string }>`select
        ${o.ref('o', 'owner')} as owner,
        coalesce(${o.ref('o', 'dealer')}, case when ${c.ref('c', 'type')} = 'dealer' then c.id end) as dealer,
        coalesce(sum(${value}), 0)::numeric(20, 2)::text as total
      from ${o.table} as o left join ${c.table} as c on c.id = ${o.ref('o', 'customer')}
      where ${where} and ${o.ref('o', 'status')} = 'won'
        and ${o.ref('o', 'closedOn')} between ${range.from}::date and ${range.to}::date
      group by 1, 2`.execute(ctx.db);
    const out: Actuals = { byOwner: new Map(), byDealer: new Map() };
    const put = (m: Map<number, string>, k: number, v: string) => m.set(k, add(m.get(k) ?? '0', v));
    for (const row of r.rows) {
      if (row.owner !== null) put(out.byOwner, Number(row.owner), row.total);
      if (row.dealer !== null) put(out.byDealer, Number(row.dealer), row.total);
    }
    return out;
  },
};

const sources = new Map<Metric, ActualsSource>();

export function setActualsSource(metric: Metric, source: ActualsSource): void {
  sources.set(metric, source);
}

export function actualsSource(metric: Metric): ActualsSource {
  return sources.get(metric) ?? wonOpportunities;
}
