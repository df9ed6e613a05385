import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../engine/api.ts';
import { type ObjectMeta, recordTitle } from '../engine/metadata.ts';

export interface SearchGroup {
  object: ObjectMeta;
  hits: Array<{ id: number; title: string }>;
}

const skip = new Set(['operationLog', 'savedView', 'objectLayout', 'role']);

/**
 * Search every readable object at once (the server's quick search, with the caller's scope applied to each),
 * grouped by object; objects without hits are left out.
 */
export function useGlobalSearch(q: string, objects: ObjectMeta[] | undefined, perObject = 5) {
  const targets = (objects ?? []).filter((o) => !skip.has(o.name)).slice(0, 16);
  return useQuery({
    queryKey: ['global-search', q, perObject, targets.map((o) => o.name)],
    enabled: q.trim().length > 0 && targets.length > 0,
    staleTime: 15_000,
    queryFn: async ({ signal }): Promise<SearchGroup[]> => {
      const groups = await Promise.all(
        targets.map(async (o) => {
          try {
            const r = await api.get<{ data: Record<string, unknown>[] }>(
              `/api/objects/${o.name}${qs({ q: q.trim(), limit: perObject })}`,
              signal,
            );
            return { object: o, hits: r.data.map((x) => ({ id: Number(x.id), title: recordTitle(o, x) })) };
          } catch {
            return { object: o, hits: [] };
          }
        }),
      );
      return groups.filter((g) => g.hits.length > 0);
    },
  });
}
