import type { Filter, RelativePeriod } from '@kehu/common';

/** The ways customers are counted on the statistics page (CUS-4): a group-by key of the customer object. */
export const dimensions = ['industry', 'region', 'type', 'level', 'owner', 'month'] as const;
export type Dimension = (typeof dimensions)[number];

/** The group-by key the API takes for each dimension (`region` groups by province). */
export const groupKey: Record<Dimension, string> = {
  industry: 'industry',
  region: 'region:province',
  type: 'type',
  level: 'level',
  owner: 'owner',
  month: 'createdAt:month',
};

/** Dimensions with a few fixed values read best as a pie; the others as bars. */
export const chartKind: Record<Dimension, 'bar' | 'pie'> = {
  industry: 'bar',
  region: 'bar',
  type: 'pie',
  level: 'pie',
  owner: 'bar',
  month: 'bar',
};

export const periods = [
  'thisMonth',
  'thisQuarter',
  'thisYear',
  'lastYear',
] as const satisfies readonly RelativePeriod[];
export type Period = (typeof periods)[number];

/** The page's optional filter: a type, an owner, a creation period. */
export interface StatsFilter {
  type?: string;
  owner?: number;
  period?: Period;
}

/**
 * Months are grouped in the company's time zone; Kehu runs on China Standard Time (Asia/Shanghai, no daylight
 * saving), so a month's first instant is its first day at 00:00 +08:00.
 */
const zone = '+08:00';

function nextMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The list filter of one group: its value, or "not filled in" for the empty group. */
export function groupFilter(dim: Dimension, key: unknown): Filter {
  const field = dim === 'month' ? 'createdAt' : dim;
  if (key === null || key === undefined) return { field, op: 'isEmpty' };
  if (dim === 'owner') return { field, op: 'eq', value: (key as { id: number }).id };
  if (dim === 'region') return { field, op: 'eq', value: (key as { province: string }).province };
  if (dim === 'month') {
    const ym = String(key).slice(0, 7);
    return {
      and: [
        { field, op: 'gte', value: `${ym}-01T00:00:00${zone}` },
        { field, op: 'lt', value: `${nextMonth(ym)}-01T00:00:00${zone}` },
      ],
    };
  }
  return { field, op: 'eq', value: key };
}

/** The page's filter as a filter tree (undefined when nothing is chosen). */
export function statsFilter(f: StatsFilter, dateField = 'createdAt'): Filter | undefined {
  const parts: Filter[] = [];
  if (f.type) parts.push({ field: 'type', op: 'eq', value: f.type });
  if (f.owner) parts.push({ field: 'owner', op: 'eq', value: f.owner });
  if (f.period) parts.push({ field: dateField, op: 'within', value: f.period });
  return both(...parts);
}

/** All of the given filters (undefined ones left out). */
export function both(...filters: Array<Filter | undefined>): Filter | undefined {
  const parts = filters.filter((f): f is Filter => f !== undefined);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** A filter on the customer, seen from a record that points to it (`customer.type` on an order). */
export function through(path: string, f: Filter | undefined): Filter | undefined {
  if (!f) return undefined;
  if ('and' in f) return { and: f.and.map((x) => through(path, x)!) };
  if ('or' in f) return { or: f.or.map((x) => through(path, x)!) };
  if ('not' in f) return { not: through(path, f.not)! };
  return { ...f, field: `${path}.${f.field}` };
}

/** A stable text for a group key, to line up rows of different queries (counts and sales). */
export function keyId(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (typeof key === 'object') {
    const o = key as { id?: number; province?: string };
    return String(o.id ?? o.province ?? JSON.stringify(key));
  }
  return String(key);
}

/** Shares in per cent with one decimal. */
export const share = (count: number, total: number) => (total > 0 ? Math.round((1000 * count) / total) / 10 : 0);
