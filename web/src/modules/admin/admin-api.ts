import { type FieldTypeName, fieldTypeNames, type Label, type NavDecl, type PicklistOption } from '@kehu/common';
import { api } from '../../engine/api.ts';

export interface NewField {
  name: string;
  type: FieldTypeName;
  label: Label;
  required?: boolean;
  options?: PicklistOption[];
  object?: string;
  field?: string;
  maxLength?: number;
  search?: 'fuzzy' | 'exact';
}

/** Administrators' metadata writes (WF-1): a new object gets its table and screens at once. */
export const createObject = (
  name: string,
  label: Label,
  fields: Record<string, Omit<NewField, 'name'>>,
  nav?: NavDecl,
) => api.post('/api/metadata/objects', { name, label, fields, ...(nav ? { nav } : {}) });

export const addField = (object: string, f: NewField) => api.post(`/api/metadata/objects/${object}/fields`, f);

/** Field types an administrator can add from the screen (the others need settings this dialog does not ask). */
const needSettings: FieldTypeName[] = ['oneToMany', 'autoNumber', 'computed', 'json', 'password'];
export const addableTypes: FieldTypeName[] = fieldTypeNames.filter((t) => !needSettings.includes(t));

/** "value=中文名/English" per line → picklist options. */
export function parseOptions(text: string): PicklistOption[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [value, names = value] = line.includes('=') ? line.split('=', 2) : [line, line];
      const [zh, en] = names.split('/');
      return { value: value.trim(), label: { 'zh-CN': zh.trim(), ...(en ? { 'en-US': en.trim() } : {}) } };
    });
}
