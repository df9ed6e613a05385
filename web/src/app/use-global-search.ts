import { useQuery } from '@tanstack/react-query';
import { ApiError, api, qs } from '../engine/api.ts';
import { type ObjectMeta, recordTitle } from '../engine/metadata.ts';

export interface SearchGroup {
  object: string;
  label: string;
  hits: Array<{ id: number; title: string; subtitle?: string | null }>;
}

interface ServerGroup {
  object: string;
  label: string;
  records: Array<{ id: number; title: string; subtitle: string | null }>;
}

const skip = new Set(['operationLog', 'loginHistory', 'savedView', 'objectLayout', 'role', 'apiKey']);

/** Without the server's global search: the quick search of each readable object (scopes apply to each). */
async function perObject(q: string, objects: ObjectMeta[], limit: number, signal: AbortSignal): Promise<SearchGroup[]> {
  const targets = objects.filter((o) => !skip.has(o.name)).slice(0, 16);
  const groups = await Promise.all(
    targets.map(async (o) => {
      const r = await api
        .get<{ data: Record<string, unknown>[] }>(`/api/objects/${o.name}${qs({ q, limit })}`, signal)
        .catch(() => ({ data: [] }));
      return {
        object: o.name,
        label: o.title,
        hits: r.data.map((x) => ({ id: Number(x.id), title: recordTitle(o, x) })),
      };
    }),
  );
  return groups.filter((g) => g.hits.length > 0);
}

/** Results grouped by object from GET /api/search (CUS-3), which applies the caller's rights to every object. */
export function useGlobalSearch(q: string, objects: ObjectMeta[] | undefined, limit = 5) {
  const text = q.trim();
  return useQuery({
    queryKey: ['global-search', text, limit],
    enabled: text.length > 0,
    staleTime: 15_000,
    queryFn: async ({ signal }): Promise<SearchGroup[]> => {
      try {
        const r = await api.get<{ data: ServerGroup[] }>(`/api/search${qs({ q: text, limit })}`, signal);
        return r.data.map((g) => ({ object: g.object, label: g.label, hits: g.records }));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404 && e.code === 'NOT_FOUND')
          return perObject(text, objects ?? [], limit, signal);
        throw e;
      }
    },
  });
}
