import type { FieldTypeName, FilterOp, Label, Operation, PicklistOption, Scope } from '@kehu/common';
import { labelText } from '@kehu/common';
import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from './api.ts';
import { type RelationValue, relationText } from './fields/relation-value.ts';

export interface FieldMeta {
  name: string;
  type: FieldTypeName;
  label: Label;
  required: boolean;
  readOnly: boolean;
  custom?: boolean;
  options?: PicklistOption[];
  object?: string;
  field?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  pattern?: string;
  level?: 'province' | 'city' | 'district';
  default?: unknown;
  ops: FilterOp[];
  sortable: boolean;
  groupable: boolean;
  aggregates: string[];
}

export interface ObjectMeta {
  name: string;
  label: Label;
  title: string;
  titleField: string;
  custom?: boolean;
  readOnly?: boolean;
  rights: Record<Operation, Scope>;
  fields: FieldMeta[];
}

export const systemFields = new Set(['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

export const metadataQuery = {
  queryKey: ['metadata'],
  queryFn: () => api.get<{ data: ObjectMeta[] }>('/api/metadata/objects').then((r) => r.data),
  staleTime: 5 * 60_000,
};

/** Every object the signed-in user may read; cached for the session (metadata changes invalidate it). */
export function useObjects() {
  return useQuery(metadataQuery);
}

export function useObject(name: string | undefined): { meta?: ObjectMeta; loading: boolean; error: unknown } {
  const q = useObjects();
  return { meta: q.data?.find((o) => o.name === name), loading: q.isLoading, error: q.error };
}

/** Labels in the UI language. */
export function useLabel() {
  const { i18n } = useTranslation();
  const locale = (i18n.language === 'en-US' ? 'en-US' : 'zh-CN') as 'zh-CN' | 'en-US';
  return (l: Label | undefined, fallback = '') => labelText(l, locale, fallback);
}

export const fieldOf = (meta: ObjectMeta, name: string) => meta.fields.find((f) => f.name === name);

export const can = (meta: ObjectMeta | undefined, op: Operation) => !!meta && meta.rights[op] !== 'none';

/** The record's display name. */
export function recordTitle(meta: ObjectMeta, record: Record<string, unknown> | undefined): string {
  if (!record) return '';
  const v = record[meta.titleField || 'name'];
  if (v && typeof v === 'object' && 'label' in (v as object))
    return relationText(v as RelationValue, (k) => i18next.t(k));
  return v === undefined || v === null || v === '' ? `#${record.id}` : String(v);
}

/** Fields shown in forms: writable, not computed or system-set. */
export const formFields = (meta: ObjectMeta) =>
  meta.fields.filter(
    (f) => !systemFields.has(f.name) && !['oneToMany', 'autoNumber', 'computed'].includes(f.type) && !f.readOnly,
  );

/** Default list columns: the title first, then the first readable scalar fields. */
export function defaultColumns(meta: ObjectMeta): string[] {
  const skip = new Set(['oneToMany', 'json', 'password', 'richText', 'longText', 'attachments']);
  const title = meta.titleField || 'name';
  const rest = meta.fields.filter((f) => !systemFields.has(f.name) && !skip.has(f.type) && f.name !== title);
  const cols = [...(fieldOf(meta, title) ? [title] : []), ...rest.slice(0, 6).map((f) => f.name)];
  return [...cols, 'updatedAt'];
}
