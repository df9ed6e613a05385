import type { DictionaryField, DictionaryPatch } from '@kehu/common';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../engine/api.ts';

export const dictionaryKey = ['dictionary'];

/** Every picklist of every object, with options and usage counts (administrators only, WF-7). */
export function useDictionary() {
  return useQuery({
    queryKey: dictionaryKey,
    queryFn: () => api.get<{ data: DictionaryField[] }>('/api/dictionary').then((r) => r.data),
  });
}

export const saveDictionaryField = (object: string, field: string, patch: DictionaryPatch) =>
  api
    .patch<{ data: DictionaryField }>(
      `/api/dictionary/${encodeURIComponent(object)}/${encodeURIComponent(field)}`,
      patch,
    )
    .then((r) => r.data);

export const fieldKey = (f: Pick<DictionaryField, 'object' | 'field'>) => `${f.object}.${f.field}`;
