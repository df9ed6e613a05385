import type { Filter } from '@kehu/common';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, qs } from './api.ts';

export type RecordData = Record<string, any> & { id: number; version: number };

export interface ListParams {
  filter?: Filter;
  sort?: string;
  q?: string;
  limit?: number;
  /** Only these fields (what the view shows): fewer columns and labels for the server to read. */
  fields?: string[];
}

interface Page {
  data: RecordData[];
  nextCursor?: string | null;
  total?: number;
  totalCapped?: boolean;
}

/** Lists count up to this many matches; the exact number is asked for on demand. */
export const countCap = 10_000;

/**
 * Keyset pages (POST …/query so that long filters fit), fetched as the user scrolls. A first page fetched ahead (the
 * list route's loader) is taken as it is by the page that mounts right after; writes invalidate the lists anyway.
 */
export const recordListQuery = (object: string, p: ListParams) =>
  infiniteQueryOptions({
    queryKey: ['records', object, 'list', p],
    staleTime: 5_000,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.post<Page>(`/api/objects/${object}/query`, {
        ...(p.filter ? { filter: p.filter } : {}),
        ...(p.sort ? { sort: p.sort } : {}),
        ...(p.q ? { q: p.q } : {}),
        ...(p.fields ? { fields: p.fields } : {}),
        limit: p.limit ?? 100,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useRecordList(object: string, p: ListParams, enabled = true) {
  return useInfiniteQuery({ ...recordListQuery(object, p), enabled });
}

/**
 * The number of matching records, asked for beside the first page so that counting never delays the rows. With
 * `capped`, counting stops at `countCap` (`capped: true` then: "10,000+"), so a list of a large table opens fast.
 */
export const recordCountQuery = (object: string, p: ListParams, capped = false) =>
  queryOptions({
    queryKey: ['records', object, 'count', p.filter, p.q, capped],
    staleTime: 5_000,
    queryFn: () =>
      api
        .post<Page>(`/api/objects/${object}/query`, {
          ...(p.filter ? { filter: p.filter } : {}),
          ...(p.q ? { q: p.q } : {}),
          limit: 1,
          fields: ['id'],
          ...(capped ? { countUpTo: countCap } : { count: true }),
        })
        .then((r) => ({ total: r.total ?? 0, capped: r.totalCapped === true })),
  });

export function useRecordCount(object: string, p: ListParams, enabled = true, capped = false) {
  return useQuery({ ...recordCountQuery(object, p, capped), enabled });
}

export function useRecord(object: string, id: string | number | undefined, opts: { deleted?: boolean } = {}) {
  return useQuery({
    queryKey: ['records', object, 'one', String(id), opts.deleted ?? false],
    enabled: id !== undefined && id !== 'new',
    queryFn: ({ signal }) =>
      api
        .get<{ data: RecordData }>(`/api/objects/${object}/${id}${qs({ deleted: opts.deleted ? 'true' : '' })}`, signal)
        .then((r) => r.data),
  });
}

export interface HistoryEntry {
  version: number;
  action: string;
  at: string;
  actor: { id: number; label: string } | null;
  ip?: string;
  changes: Record<string, [unknown, unknown]>;
  snapshot?: Record<string, unknown>;
}

export function useHistory(object: string, id: string | number) {
  return useQuery({
    queryKey: ['records', object, 'history', String(id)],
    queryFn: () => api.get<{ data: HistoryEntry[] }>(`/api/objects/${object}/${id}/history`).then((r) => r.data),
  });
}

export interface GroupRow {
  key: Record<string, unknown>;
  count: number;
  [measure: string]: unknown;
}

export function useGroups(object: string, by: string[], measures: string[], filter?: Filter, q?: string) {
  return useQuery({
    queryKey: ['records', object, 'group', by, measures, filter, q],
    enabled: by.length > 0,
    queryFn: () =>
      api.get<{ data: GroupRow[]; totals: Record<string, unknown> }>(
        `/api/objects/${object}/group${qs({ by: by.join(','), measures: measures.join(','), filter, q, sort: 'key' })}`,
      ),
  });
}
