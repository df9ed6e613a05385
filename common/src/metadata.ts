/** Metadata vocabulary shared by server and web: the JSON form of object and field declarations. */

import type { NavDecl } from './nav.ts';

export type Locale = 'zh-CN' | 'en-US';
export const locales: readonly Locale[] = ['zh-CN', 'en-US'];
export type Label = Partial<Record<Locale, string>> & { 'zh-CN': string };

export const fieldTypeNames = [
  'text',
  'longText',
  'richText',
  'integer',
  'decimal',
  'money',
  'percent',
  'boolean',
  'date',
  'datetime',
  'picklist',
  'multiPicklist',
  'tags',
  'phone',
  'email',
  'url',
  'region',
  'address',
  'manyToOne',
  'oneToMany',
  'manyToMany',
  'owner',
  'attachments',
  'autoNumber',
  'computed',
  'json',
  'password',
] as const;
export type FieldTypeName = (typeof fieldTypeNames)[number];

export interface PicklistOption {
  /** The stable key stored in records; renaming an option changes its label, never its value (WF-7). */
  value: string;
  label: Label;
  /** An antd preset colour name (`blue`, `gold` …) or a hex colour (`#1677ff`). */
  color?: string;
  /**
   * False: deactivated by an administrator (data dictionary, WF-7). New writes refuse it; records that hold it still
   * read, filter, group, export and show its label. Absent = active.
   */
  active?: boolean;
  /** Module code depends on this value (a status its hooks compare with): it cannot be deactivated or removed. */
  locked?: boolean;
}

/** A field as declared (code or JSON). Type-specific options live beside the common ones. */
export interface FieldDecl {
  type: FieldTypeName;
  label?: Label;
  required?: boolean;
  unique?: boolean;
  default?: unknown;
  /** Text-like fields: how quick search uses the field. */
  search?: 'fuzzy' | 'exact';
  /**
   * Text fields: also keep an indexed key of the value with width, case, spaces and punctuation ignored
   * (`<col>_nk`), for exact matches of values written differently — e.g. the ownership conflict check (CUS-8).
   */
  matchKey?: boolean;
  /** Create an index on the column(s). */
  index?: boolean;
  help?: Label;
  // type-specific
  maxLength?: number;
  min?: number;
  max?: number;
  scale?: number;
  options?: PicklistOption[];
  /**
   * picklist / multiPicklist: the values are the code's vocabulary (statuses set by hooks, system states): in the
   * data dictionary administrators may rename, recolour and reorder them, but neither add, deactivate nor remove any.
   */
  fixedOptions?: boolean;
  /**
   * picklist / multiPicklist: use the options of another field, `object.field` (a pool rule's customer types are the
   * customer's types); the data dictionary edits them there.
   */
  optionsFrom?: string;
  /** manyToOne / manyToMany / oneToMany: the target object. */
  object?: string;
  /** oneToMany: the manyToOne field on the target object that points back. */
  field?: string;
  /** autoNumber pattern, e.g. KH{yyyy}{seq:6}. */
  pattern?: string;
  /** computed: an arithmetic formula over this object's numeric fields, e.g. "quantity * price". */
  formula?: string;
  /** computed: result type. */
  resultType?: 'integer' | 'decimal' | 'money' | 'text';
  /** region: the deepest level accepted. */
  level?: 'province' | 'city' | 'district';
  /** manyToOne: what happens to this record when the target is deleted. */
  onDelete?: 'setNull' | 'restrict';
  /** Not writable through the API (set by the system or by hooks). */
  readOnly?: boolean;
  /**
   * manyToOne: the target must agree with another reference of this record, e.g. an opportunity's contact works
   * for the opportunity's customer: `{ field: 'customer', targetField: 'customer' }`. Pickers offer only the
   * matching records; a write naming one that does not match is refused (`notOfParent`).
   */
  dependsOn?: FieldDependency;
  /** Bookkeeping for the system (e.g. a funnel index): kept out of forms, detail pages and list columns. */
  internal?: boolean;
  /** Shown in forms and on the detail page only while another field of the record has one of these values. */
  visibleWhen?: FieldCondition;
}

export interface FieldDependency {
  /** The manyToOne field of this object whose value the target must share. */
  field: string;
  /** The manyToOne field of the target object that must point at the same record. */
  targetField: string;
}

export interface FieldCondition {
  field: string;
  in: Array<string | number | boolean>;
}

export interface ObjectDecl {
  name: string;
  label: Label;
  pluralLabel?: Label;
  /** The field used as the record's display name (defaults to `name`, else the first text field). */
  titleField?: string;
  fields: Record<string, FieldDecl>;
  /** Keep no history for this object (logs only). */
  noHistory?: boolean;
  /** Records cannot be created/updated/deleted through the generic API. */
  apiReadOnly?: boolean;
  icon?: string;
  /** Column that decides "own" scopes when the object has no owner field (e.g. `id` for users themselves). */
  scopeColumn?: string;
  /** Records only their owner reaches (notifications, preferences): scope "own" for everyone, administrators too. */
  personal?: boolean;
  /** The natural order of the records (stages by their order): pickers and related lists list them so. */
  defaultSort?: { field: string; dir?: 'asc' | 'desc' };
  /** Where the object is listed in the menu (group of the user's work, order); absent: `defaultNav`. */
  nav?: NavDecl;
  /**
   * Lists people open often: equality filters on `filters` in this order, then `sort` (default newest first). Each
   * becomes one index of live records that serves the filter and the order together (a page reads its rows and
   * stops), and, with no sort, lets counts grouped by those fields read the index alone.
   */
  listIndexes?: Array<{ filters: string[]; sort?: { field: string; dir?: 'asc' | 'desc' } | null }>;
}

/** Names of objects and fields: lower camel or snake case, safe as SQL identifiers once converted. */
export const namePattern = /^[a-z][a-zA-Z0-9_]{0,39}$/;

export function labelText(label: Label | undefined, locale: Locale, fallback = ''): string {
  if (!label) return fallback;
  return label[locale] ?? label['zh-CN'] ?? fallback;
}
