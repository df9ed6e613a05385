import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { recordTitle, useObject } from '../metadata.ts';

/**
 * The display names of records known by id (users, roles, departments named in a flow): read through the normal
 * list API, so only what the reader may see; ids without a readable record stay out of the answer.
 */
export function useRecordNames(object: string, ids: number[]): Record<number, string> {
  const { meta } = useObject(object);
  const wanted = [...new Set(ids)].filter((i) => Number.isSafeInteger(i)).sort((a, b) => a - b);
  const q = useQuery({
    queryKey: ['records', object, 'names', wanted],
    enabled: !!meta && wanted.length > 0,
    staleTime: 60_000,
    queryFn: () =>
      api
        .post<{ data: Array<Record<string, unknown> & { id: number }> }>(`/api/objects/${object}/query`, {
          filter: { field: 'id', op: 'in', value: wanted },
          fields: ['id', meta!.titleField || 'name'],
          limit: Math.min(wanted.length, 200),
        })
        .then((r) => Object.fromEntries(r.data.map((x) => [x.id, recordTitle(meta!, x)]))),
  });
  return q.data ?? {};
}
