import type { Filter } from '@kehu/common';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../engine/api.ts';
import type { GroupRow } from '../../engine/records.ts';
import { type StatsMeasure, statsMeasures } from './stats-measures.ts';
import { both, type Dimension, groupKey, keyId, type StatsFilter, statsFilter, through } from './stats-model.ts';

type GroupResponse = { data: GroupRow[]; totals: Record<string, unknown> };

/** One row of the statistics table: the group's key, its customer count and any registered measures. */
export interface StatsRow {
  key: unknown;
  count: number;
  measures: Record<string, unknown>;
}

const group = (object: string, by: string, measures: string[], filter: Filter | undefined, sort: string) =>
  api.get<GroupResponse>(
    `/api/objects/${object}/group${qs({ by, measures: measures.join(','), filter, sort, limit: 1000 })}`,
  );

/**
 * Customers counted by one dimension through the engine's group-by (the caller's scope applies), biggest group
 * first — months in order — plus the registered measures (sales…) of the same groups.
 */
export function useStats(dim: Dimension, filter: StatsFilter, objects: Parameters<typeof statsMeasures>[0]) {
  const by = groupKey[dim];
  const sort = dim === 'month' ? 'key' : '-count';
  const counts = useQuery({
    queryKey: ['records', 'customer', 'stats', by, filter],
    queryFn: () => group('customer', by, ['count'], statsFilter(filter), sort),
  });
  const measures = statsMeasures(objects);
  const extra = useQueries({
    queries: measures.map((m: StatsMeasure) => ({
      queryKey: ['records', m.object, 'stats', m.via, by, m.measure, filter],
      queryFn: () => group(m.object, `${m.via}.${by}`, [m.measure], measureFilter(filter, m), sort),
    })),
  });
  const byKey = new Map<string, Record<string, unknown>>();
  extra.forEach((q, i) => {
    const m = measures[i];
    for (const r of q.data?.data ?? []) {
      const id = keyId(r.key[`${m.via}.${by}`]);
      byKey.set(id, { ...byKey.get(id), [m.key]: r[m.measure] });
    }
  });
  const rows: StatsRow[] = (counts.data?.data ?? []).map((r) => ({
    key: r.key[by],
    count: r.count,
    measures: byKey.get(keyId(r.key[by])) ?? {},
  }));
  return {
    rows,
    total: Number(counts.data?.totals.count ?? 0),
    measures,
    loading: counts.isLoading,
    error: counts.error as Error | null,
  };
}

/** The page's filter on the customer behind each record; the period applies to the record's own date. */
function measureFilter(f: StatsFilter, m: StatsMeasure): Filter | undefined {
  const { period, ...rest } = f;
  const when: Filter | undefined = period
    ? { field: m.dateField ?? 'createdAt', op: 'within', value: period }
    : undefined;
  return both(through(m.via, statsFilter(rest)), when);
}
