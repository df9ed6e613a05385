import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import type { FieldMeta, ObjectMeta } from './metadata.ts';
import { can, useObjects } from './metadata.ts';

export type LayoutKind = 'list' | 'detail' | 'form';
export interface LayoutRecord {
  id: number;
  version: number;
  object: string;
  kind: LayoutKind;
  fields: string[] | null;
}

/** The administrator's layout for one object and screen kind, if any (objectLayout records). */
export const layoutQuery = (object: string, kind: LayoutKind) =>
  queryOptions({
    queryKey: ['records', 'objectLayout', object, kind],
    staleTime: 60_000,
    queryFn: () =>
      api
        .post<{ data: LayoutRecord[] }>('/api/objects/objectLayout/query', {
          filter: {
            and: [
              { field: 'object', op: 'eq', value: object },
              { field: 'kind', op: 'eq', value: kind },
            ],
          },
          limit: 1,
        })
        .then((r) => r.data[0] ?? null),
  });

/** Whether the signed-in user may read layouts (without that right, screens use their defaults). */
export const readsLayouts = (objects: ObjectMeta[] | undefined) =>
  can(
    objects?.find((o) => o.name === 'objectLayout'),
    'read',
  );

export function useLayout(object: string, kind: LayoutKind) {
  const objects = useObjects().data;
  return useQuery({ ...layoutQuery(object, kind), enabled: readsLayouts(objects) });
}

/** Fields in the layout's order (unknown names dropped); without a layout, all of them. */
export function applyLayout(fields: FieldMeta[], layout: LayoutRecord | null | undefined): FieldMeta[] {
  if (!layout?.fields?.length) return fields;
  return layout.fields.map((n) => fields.find((f) => f.name === n)).filter((f): f is FieldMeta => !!f);
}
