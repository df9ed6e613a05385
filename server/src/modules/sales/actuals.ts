import type { Filter, Metric } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { records, through } from '../../engine/query/builder.ts';
import { all } from './filters.ts';
import { idOf } from './meta.ts';
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

/**
 * Won opportunities closed in the period: amount, or units = quantities of their product lines (the line hop
 * carries the opportunity's scope). A dealer's figure is that of the opportunities it sold, or whose customer it
 * is. Null when the caller may not see the figure (a role hiding the amount gets no actuals rather than an error).
 */
export const wonOpportunities: ActualsSource = {
  name: 'wonOpportunities',
  async load(ctx, range, metric) {
    if (metric === 'collections') return null;
    const won: Filter = all(
      { field: 'status', op: 'eq', value: 'won' },
      { field: 'closedOn', op: 'between', value: [range.from, range.to] },
    )!;
    const lines = metric !== 'amount';
    const source = records(ctx, lines ? 'opportunityLine' : 'opportunity');
    const measure = lines ? 'quantity' : 'amount';
    if (!source.canQuery(measure)) return null;
    const at = (path: string) => (lines ? `opportunity.${path}` : path);
    const base = lines ? through('opportunity', won)! : won;
    const totals = async (filter: Filter, key: string) =>
      (await source.aggregate({ filter, by: [at(key)], measures: { total: `sum:${measure}` } })).rows.map((r) => ({
        id: idOf(r.key[at(key)]),
        total: String(r.values.total),
      }));
    const out: Actuals = { byOwner: new Map(), byDealer: new Map() };
    const put = (m: Map<number, string>, k: number | null, v: string) => {
      if (k !== null) m.set(k, add(m.get(k) ?? '0', v));
    };
    for (const r of await totals(base, 'owner')) put(out.byOwner, r.id, r.total);
    const dealer = (f: Filter) => all(base, lines ? through('opportunity', f) : f)!;
    for (const r of await totals(dealer({ field: 'dealer', op: 'isNotEmpty' }), 'dealer'))
      put(out.byDealer, r.id, r.total);
    // Customers that are dealers buy for themselves (only where the caller may see the customer's type).
    if (records(ctx, 'customer').canQuery('type')) {
      const own = dealer({
        and: [
          { field: 'dealer', op: 'isEmpty' },
          { field: 'customer.type', op: 'eq', value: 'dealer' },
        ],
      });
      for (const r of await totals(own, 'customer')) put(out.byDealer, r.id, r.total);
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
