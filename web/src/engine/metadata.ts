import type {
  FieldCondition,
  FieldDependency,
  FieldTypeName,
  FilterOp,
  Label,
  NavDecl,
  Operation,
  PicklistOption,
  Scope,
} from '@kehu/common';
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
  /** computed: the type of the result (money shows as money). */
  resultType?: 'integer' | 'decimal' | 'money' | 'text';
  /** manyToOne: the target must share this record's value of another reference (the picker filters by it). */
  dependsOn?: FieldDependency;
  /** System bookkeeping: never on forms, detail pages or list columns. */
  internal?: boolean;
  /** Shown only while another field has one of these values. */
  visibleWhen?: FieldCondition;
  ops: FilterOp[];
  sortable: boolean;
  groupable: boolean;
  aggregates: string[];
}

export interface ObjectMeta {
  name: string;
  label: Label;
  pluralLabel?: Label;
  title: string;
  titleField: string;
  custom?: boolean;
  readOnly?: boolean;
  rights: Record<Operation, Scope>;
  fields: FieldMeta[];
  /** The records' natural order (pickers, related lists). */
  defaultSort?: { field: string; dir?: 'asc' | 'desc' };
  /** Where the menu lists the object (group of the user's work, order). */
  nav?: NavDecl;
  /** Icon name (Ant Design's, e.g. `team`, `fund`). */
  icon?: string;
  /** Global search looks at it. */
  searchable?: boolean;
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

/** Fields shown in forms: writable, not computed, system-set or internal. */
export const formFields = (meta: ObjectMeta) =>
  meta.fields.filter(
    (f) =>
      !systemFields.has(f.name) &&
      !['oneToMany', 'autoNumber', 'computed'].includes(f.type) &&
      !f.readOnly &&
      !f.internal,
  );

/** The id of a reference value ({ id, label }) or the value itself, for comparisons. */
const plain = (v: unknown) => (v && typeof v === 'object' && 'id' in (v as object) ? (v as { id: unknown }).id : v);

/** Whether a field is shown for these values (its `visibleWhen` condition holds, or it has none). */
export function isVisible(f: FieldMeta, values: Record<string, unknown> | undefined): boolean {
  if (!f.visibleWhen) return true;
  const v = plain(values?.[f.visibleWhen.field]);
  return f.visibleWhen.in.some((x) => x === v);
}

/** The list-query sort of an object's natural order (`sortOrder` / `-sortOrder`), if it declares one. */
export const naturalSort = (meta: ObjectMeta | undefined) =>
  meta?.defaultSort ? `${meta.defaultSort.dir === 'desc' ? '-' : ''}${meta.defaultSort.field}` : undefined;

/** Default list columns: the title first, then the first readable scalar fields. */
export function defaultColumns(meta: ObjectMeta): string[] {
  const skip = new Set(['oneToMany', 'json', 'password', 'richText', 'longText', 'attachments']);
  const title = meta.titleField || 'name';
  const rest = meta.fields.filter(
    (f) => !systemFields.has(f.name) && !skip.has(f.type) && !f.internal && f.name !== title,
  );
  const cols = [...(fieldOf(meta, title) ? [title] : []), ...rest.slice(0, 6).map((f) => f.name)];
  return [...cols, 'updatedAt'];
}
