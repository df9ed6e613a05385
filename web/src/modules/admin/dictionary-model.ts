import {
  type DictionaryField,
  type DictionaryOption,
  type DictionaryPatch,
  maxOptionLabel,
  maxOptions,
} from '@kehu/common';

/** One row of the option editor (WF-7): a saved option (with its value) or a new one (value set by the server). */
export interface EditorOption {
  /** Row identity: the value, or `new-<n>` until saved. */
  key: string;
  value?: string;
  zh: string;
  en: string;
  color?: string;
  active: boolean;
  /** Records holding it (null: not countable); 0 for new rows. */
  count: number | null;
  keep?: DictionaryOption['keep'];
  declared: boolean;
}

export type EditorProblem = 'label' | 'noneActive';

export function toEditor(f: DictionaryField): EditorOption[] {
  return f.options.map((o) => ({
    key: o.value,
    value: o.value,
    zh: o.label['zh-CN'],
    en: o.label['en-US'] ?? '',
    ...(o.color ? { color: o.color } : {}),
    active: o.active,
    count: o.count,
    ...(o.keep ? { keep: o.keep } : {}),
    declared: o.declared,
  }));
}

/** Move a row by `delta` places (−1 up, +1 down); out of range leaves the list as it is. */
export function move(list: EditorOption[], index: number, delta: number): EditorOption[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [row] = next.splice(index, 1);
  next.splice(to, 0, row);
  return next;
}

/** Drag and drop: the row with key `from` goes where the row `to` is. */
export function moveTo(list: EditorOption[], from: string, to: string): EditorOption[] {
  const i = list.findIndex((o) => o.key === from);
  const j = list.findIndex((o) => o.key === to);
  return i < 0 || j < 0 ? list : move(list, i, j - i);
}

export function addOption(list: EditorOption[]): EditorOption[] {
  if (list.length >= maxOptions) return list;
  let n = 1;
  while (list.some((o) => o.key === `new-${n}`)) n++;
  return [...list, { key: `new-${n}`, zh: '', en: '', active: true, count: 0, declared: false }];
}

export function update(list: EditorOption[], key: string, patch: Partial<EditorOption>): EditorOption[] {
  return list.map((o) => (o.key === key ? { ...o, ...patch } : o));
}

/** Something depends on the option (code, the default, a flow), or the field's options are fixed. */
export const canDeactivate = (o: EditorOption, fixed: boolean) => !fixed && !o.keep;

/** New rows, and options an administrator added that no record holds: declared ones are only deactivated. */
export const canRemove = (o: EditorOption, fixed: boolean) =>
  !fixed && !o.keep && !o.declared && (o.value === undefined || o.count === 0);

export function setActive(list: EditorOption[], key: string, active: boolean, fixed: boolean): EditorOption[] {
  const o = list.find((x) => x.key === key);
  if (!o || (!active && !canDeactivate(o, fixed))) return list;
  return update(list, key, { active });
}

export function remove(list: EditorOption[], key: string, fixed: boolean): EditorOption[] {
  const o = list.find((x) => x.key === key);
  return o && canRemove(o, fixed) ? list.filter((x) => x.key !== key) : list;
}

/** What the editor refuses before asking the server: rows without a Chinese name, nothing active. */
export function problems(list: EditorOption[]): { rows: Record<string, EditorProblem>; list?: EditorProblem } {
  const rows: Record<string, EditorProblem> = {};
  for (const o of list)
    if (!o.zh.trim() || o.zh.trim().length > maxOptionLabel || o.en.trim().length > maxOptionLabel)
      rows[o.key] = 'label';
  return { rows, ...(list.some((o) => o.active) ? {} : { list: 'noneActive' as const }) };
}

/** The request body: the whole ordered list, new rows without a value, and the version the edit started from. */
export function toPatch(list: EditorOption[], version: number): DictionaryPatch {
  return {
    version,
    options: list.map((o) => ({
      ...(o.value !== undefined ? { value: o.value } : {}),
      label: { 'zh-CN': o.zh.trim(), ...(o.en.trim() ? { 'en-US': o.en.trim() } : {}) },
      ...(o.color ? { color: o.color } : {}),
      active: o.active,
    })),
  };
}

/** Whether the rows differ from the saved field (order, names, colours, active flags, rows added or removed). */
export function isDirty(list: EditorOption[], saved: DictionaryField): boolean {
  return JSON.stringify(toPatch(list, saved.version)) !== JSON.stringify(toPatch(toEditor(saved), saved.version));
}
