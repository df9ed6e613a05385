import type { ObjectMeta } from '../../engine/metadata.ts';

/**
 * A figure per customer group taken from another object (CUS-4 "sales when orders exist"). The orders module
 * registers one — e.g. `{ key: 'sales', labelKey: 'orders.stats.sales', object: 'order', via: 'customer',
 * measure: 'sum:amount', dateField: 'orderDate', money: true }` — and the statistics page then asks
 * `GET /api/objects/order/group?by=customer.<dimension>&measures=sum:amount` with the page's filter seen through
 * `customer.`, and shows it as a column of the table and a second series of the chart. Until then, counts only.
 */
export interface StatsMeasure {
  key: string;
  /** i18n key of the column title. */
  labelKey: string;
  /** The object that holds the figure, with a many-to-one `via` field to the customer. */
  object: string;
  via: string;
  /** A group-by measure of that object: `sum:amount`. */
  measure: string;
  /** The field the page's period applies to (default: the record's creation time). */
  dateField?: string;
  money?: boolean;
}

const registered: StatsMeasure[] = [];

export function registerStatsMeasure(m: StatsMeasure): void {
  if (!registered.some((r) => r.key === m.key)) registered.push(m);
}

/** The measures whose object the user may read. */
export function statsMeasures(objects: ObjectMeta[]): StatsMeasure[] {
  return registered.filter((m) => objects.some((o) => o.name === m.object && o.fields.some((f) => f.name === m.via)));
}
