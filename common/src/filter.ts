/** The filter tree that lists, exports, reports and alerts share. */

export const filterOps = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  'within',
] as const;
export type FilterOp = (typeof filterOps)[number];

export interface Condition {
  /** A field name, or a path through many-to-one fields: `owner.department`, `customer.industry`. */
  field: string;
  op: FilterOp;
  value?: unknown;
}
export type Filter = { and: Filter[] } | { or: Filter[] } | { not: Filter } | Condition;

/** Relative periods for the `within` operator. */
export const relativePeriods = [
  'today',
  'yesterday',
  'tomorrow',
  'thisWeek',
  'lastWeek',
  'nextWeek',
  'thisMonth',
  'lastMonth',
  'nextMonth',
  'thisQuarter',
  'lastQuarter',
  'nextQuarter',
  'thisYear',
  'lastYear',
  'nextYear',
] as const;
export type RelativePeriod = (typeof relativePeriods)[number];
/** `{ "last": 90, "unit": "day" }` or `{ "next": 7, "unit": "day" }`. */
export interface RollingPeriod {
  last?: number;
  next?: number;
  unit: 'day' | 'week' | 'month' | 'year';
}

export interface SortKey {
  field: string;
  dir: 'asc' | 'desc';
}

export const aggregateFns = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFn = (typeof aggregateFns)[number];
