import { useQueries } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { ObjectMeta } from '../metadata.ts';
import { formFields, recordTitle, useObjects } from '../metadata.ts';
import type { RecordData } from '../records.ts';

const prefillable = new Set(['manyToOne', 'owner', 'picklist', 'text', 'boolean']);

/**
 * A new record's values given in the link (`/o/contact/new?customer=12&returnTo=…`), e.g. the customer whose
 * 联系人 tab the contact is created from: references are read so that the form shows the chosen record by name
 * (one the user may not read is left out). `ready` is false while they load.
 */
export function usePrefill(
  meta: ObjectMeta | undefined,
  params: URLSearchParams,
): { values: Record<string, unknown>; ready: boolean } {
  const objects = useObjects().data ?? [];
  const given = meta ? formFields(meta).filter((f) => prefillable.has(f.type) && params.get(f.name)) : [];
  const refs = given.filter((f) => f.type === 'manyToOne' || f.type === 'owner');
  const looked = useQueries({
    queries: refs.map((f) => ({
      queryKey: ['records', f.object ?? 'user', 'one', params.get(f.name), false],
      queryFn: () =>
        api.get<{ data: RecordData }>(`/api/objects/${f.object ?? 'user'}/${params.get(f.name)}`).then((r) => r.data),
      retry: false,
    })),
  });
  const values: Record<string, unknown> = {};
  for (const f of given) {
    const raw = params.get(f.name)!;
    if (f.type === 'boolean') values[f.name] = raw === 'true';
    else if (f.type === 'picklist' || f.type === 'text') values[f.name] = raw;
    else {
      const r = looked[refs.indexOf(f)]?.data;
      const target = objects.find((o) => o.name === (f.object ?? 'user'));
      if (r && target) values[f.name] = { id: r.id, label: recordTitle(target, r) };
    }
  }
  return { values, ready: looked.every((q) => !q.isLoading) };
}

/** Where to go after saving or cancelling: a page of this app named in the link (never another site). */
export function returnPath(params: URLSearchParams): string | undefined {
  const to = params.get('returnTo');
  return to?.startsWith('/') && !to.startsWith('//') && !to.includes('\\') ? to : undefined;
}
