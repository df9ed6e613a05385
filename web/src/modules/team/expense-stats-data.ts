import type { Filter, PicklistOption, RelativePeriod } from '@kehu/common';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../engine/api.ts';
import { type RelationValue, relationText } from '../../engine/fields/relation-value.ts';
import type { GroupRow } from '../../engine/records.ts';

/** What expenses are summed by (TEAM-6): person, department, category, month, customer. */
export const dimensions = ['owner', 'owner.department', 'category', 'date:month', 'customer'] as const;
export type Dimension = (typeof dimensions)[number];

export const periods = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'lastYear', 'all'] as const;
export type Period = RelativePeriod | 'all';

/** Which reimbursement states count: every expense, those handed in, or those approved (and paid). */
export const statusSets = {
  all: null,
  submitted: ['submitted', 'approved', 'paid'],
  approved: ['approved', 'paid'],
} as const;
export type StatusSet = keyof typeof statusSets;

export function statsFilter(period: Period, status: StatusSet): Filter | undefined {
  const and: Filter[] = [];
  if (period !== 'all') and.push({ field: 'date', op: 'within', value: period });
  const states = statusSets[status];
  if (states) and.push({ field: 'status', op: 'in', value: [...states] });
  return and.length === 0 ? undefined : and.length === 1 ? and[0] : { and };
}

/** The group's key as a filter condition (to open the expenses behind a bar). */
export function keyFilter(dim: Dimension, key: unknown): Filter {
  if (dim === 'date:month') {
    const from = String(key);
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    const to = d.toISOString().slice(0, 10);
    return {
      and: [
        { field: 'date', op: 'gte', value: from },
        { field: 'date', op: 'lt', value: to },
      ],
    };
  }
  const field = dim;
  if (key === null || key === undefined) return { field, op: 'isEmpty' };
  const value = typeof key === 'object' ? (key as { id: number }).id : key;
  return { field, op: 'eq', value };
}

/** A group key as text: a relation's label (「无权查看」 when withheld), an option's label, a month. */
export function keyText(
  dim: Dimension,
  key: unknown,
  options: PicklistOption[],
  optionLabel: (o: PicklistOption) => string,
  t: (key: string) => string,
) {
  if (key === null || key === undefined || key === '') return t('group.empty');
  if (dim === 'date:month') return String(key).slice(0, 7);
  if (typeof key === 'object') return relationText(key as RelationValue, t);
  const o = options.find((x) => x.value === key);
  return o ? optionLabel(o) : String(key);
}

/** Count and sum of amounts per group through the engine's group-by (the reader's scope applies). */
export function useExpenseStats(dim: Dimension, filter: Filter | undefined) {
  return useQuery({
    queryKey: ['records', 'expense', 'stats', dim, filter],
    queryFn: () =>
      api.get<{ data: GroupRow[]; totals: Record<string, unknown> }>(
        `/api/objects/expense/group${qs({
          by: dim,
          measures: 'sum:amount',
          filter,
          sort: dim === 'date:month' ? 'key' : '-sum:amount',
          limit: 1000,
        })}`,
      ),
  });
}
