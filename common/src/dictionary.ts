/** The data dictionary (WF-7): administrators' edits of picklist options, shared by server and web. */

import type { Label, PicklistOption } from './metadata.ts';

/** antd's preset tag colours and status colours; any `#rgb` / `#rrggbb` hex colour is accepted as well. */
export const optionColorNames = [
  'default',
  'blue',
  'geekblue',
  'cyan',
  'green',
  'lime',
  'gold',
  'yellow',
  'orange',
  'volcano',
  'red',
  'magenta',
  'pink',
  'purple',
  'gray',
  'success',
  'processing',
  'warning',
  'error',
] as const;

const hexColor = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

export function isOptionColor(v: unknown): v is string {
  return typeof v === 'string' && ((optionColorNames as readonly string[]).includes(v) || hexColor.test(v));
}

/** Stored values of new options: a letter or digit first, then letters, digits, `_`, `-` or `.` (at most 60). */
export const optionValuePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/;

export const maxOptions = 500;
export const maxOptionLabel = 100;

/** Whether new writes may choose this option. */
export const isActiveOption = (o: PicklistOption): boolean => o.active !== false;

/** One option as an administrator sends it in `PATCH /api/dictionary/:object/:field` (no value = a new option). */
export interface DictionaryOptionInput {
  value?: string;
  label: Label;
  color?: string | null;
  active: boolean;
}

export interface DictionaryPatch {
  options: DictionaryOptionInput[];
  /** The field's dictionary version the editor started from: a newer one gets VERSION_CONFLICT. */
  version?: number;
}

/** An option as the dictionary lists it. */
export interface DictionaryOption extends PicklistOption {
  active: boolean;
  /** Declared in code or in the custom field's declaration (it can be deactivated, never removed). */
  declared: boolean;
  /** Why it cannot be deactivated: module code (`locked`), the field's default, or an approval flow's state. */
  keep?: 'locked' | 'default' | 'flow';
  /** Live records holding the value, as the administrator's access sees them (null: not countable). */
  count: number | null;
}

export interface DictionaryField {
  object: string;
  objectLabel: Label;
  field: string;
  label: Label;
  type: 'picklist' | 'multiPicklist';
  custom: boolean;
  /** Options can be renamed, recoloured and reordered only. */
  fixed: boolean;
  /** Increases with each saved edit (0: never edited). */
  version: number;
  options: DictionaryOption[];
}

/** Problems of a dictionary edit: message keys `dictionary.problem.<code>` in both languages. */
export const dictionaryProblems = [
  'format',
  'tooMany',
  'label',
  'value',
  'duplicate',
  'color',
  'locked',
  'default',
  'flow',
  'fixed',
  'removed',
  'inUse',
  'noneActive',
  'derived',
] as const;
export type DictionaryProblem = (typeof dictionaryProblems)[number];
