import {
  type DictionaryProblem,
  isOptionColor,
  type Label,
  maxOptionLabel,
  maxOptions,
  optionValuePattern,
  type PicklistOption,
} from '@kehu/common';
import { KehuError } from '../errors.ts';
import type { FieldDef } from '../metadata/types.ts';
import { defaultValues, isFixed, type StoredOption } from './merge.ts';

/** What an edit is checked against, read inside the saving transaction. */
export interface EditFacts {
  /** The options in force, from the stored list read under lock. */
  current: PicklistOption[];
  /** Values approval flows write as their outcome, with the flow's name. */
  flowStates: Map<string, string>;
  /** How many records (in the recycle bin too) hold a value: removing it must lose nothing. */
  holders(value: string): Promise<number>;
}

/** A refused edit: 400 with a message that names the field by its label, and the problem code in `params.reason`. */
export function dictionaryError(
  f: FieldDef,
  reason: DictionaryProblem,
  params: Record<string, string | number | Label> = {},
): KehuError {
  return new KehuError('DICTIONARY_INVALID', {
    field: f.label,
    reason,
    problem: { key: `dictionary.problem.${reason}`, params },
  });
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);

function parseLabel(f: FieldDef, v: unknown): Label {
  const l = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const zh = text(l['zh-CN']);
  const en = l['en-US'] === undefined || l['en-US'] === null ? '' : text(l['en-US']);
  const keys = Object.keys(l).every((k) => k === 'zh-CN' || k === 'en-US');
  if (!keys || !zh || en === undefined || zh.length > maxOptionLabel || en.length > maxOptionLabel)
    throw dictionaryError(f, 'label');
  return en ? { 'zh-CN': zh, 'en-US': en } : { 'zh-CN': zh };
}

/** A readable key for a new option: its English name in lower camel case, else `option<n>`; unique in the field. */
export function newValue(label: Label, taken: Set<string>): string {
  const words = (label['en-US'] ?? '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/);
  const camel = words
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
    .slice(0, 50);
  const base = optionValuePattern.test(camel) ? camel : 'option';
  if (base !== 'option' && !taken.has(base)) return base;
  for (let n = 1; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

interface Parsed {
  value?: string;
  label: Label;
  color?: string;
  active: boolean;
}

function parseItems(f: FieldDef, body: unknown): Parsed[] {
  const options = (body as { options?: unknown } | null)?.options;
  if (typeof body !== 'object' || body === null || !Array.isArray(options)) throw dictionaryError(f, 'format');
  if (options.length > maxOptions) throw dictionaryError(f, 'tooMany');
  return options.map((o) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw dictionaryError(f, 'format');
    const item = o as Record<string, unknown>;
    if (Object.keys(item).some((k) => !['value', 'label', 'color', 'active'].includes(k)))
      throw dictionaryError(f, 'format');
    if (item.active !== undefined && typeof item.active !== 'boolean') throw dictionaryError(f, 'format');
    if (item.value !== undefined && item.value !== null && typeof item.value !== 'string')
      throw dictionaryError(f, 'format');
    const label = parseLabel(f, item.label);
    const color = item.color === undefined || item.color === null || item.color === '' ? undefined : item.color;
    if (color !== undefined && !isOptionColor(color)) throw dictionaryError(f, 'color', { option: label });
    const value = typeof item.value === 'string' && item.value !== '' ? item.value : undefined;
    return { value, label, ...(color ? { color } : {}), active: item.active !== false };
  });
}

/**
 * Check an administrator's full ordered option list against the field and turn it into the list to store: values
 * never change, new options get a new key, locked options, the default and flow states stay active, declared
 * options are never removed and other ones only while no record holds them.
 */
export async function planEdit(f: FieldDef, body: unknown, facts: EditFacts): Promise<StoredOption[]> {
  const items = parseItems(f, body);
  const current = new Map(facts.current.map((o) => [o.value, o]));
  const declared = new Set((f.declaredOptions ?? []).map((o) => o.value));
  const defaults = defaultValues(f);
  const given = new Set<string>();
  for (const it of items) {
    if (it.value === undefined) continue;
    if (!current.has(it.value) && !optionValuePattern.test(it.value))
      throw dictionaryError(f, 'value', { value: it.value.slice(0, 60) });
    if (given.has(it.value)) throw dictionaryError(f, 'duplicate', { value: it.value });
    given.add(it.value);
  }
  const taken = new Set([...given, ...current.keys()]);
  const out: StoredOption[] = [];
  for (const it of items) {
    const existing = it.value !== undefined ? current.get(it.value) : undefined;
    if (!existing && isFixed(f)) throw dictionaryError(f, 'fixed');
    const value = it.value ?? newValue(it.label, taken);
    taken.add(value);
    if (!it.active) keepActive(f, value, it.label, existing, defaults, facts);
    out.push({ value, label: it.label, ...(it.color ? { color: it.color } : {}), active: it.active });
  }
  for (const o of facts.current) {
    if (given.has(o.value)) continue;
    keepActive(f, o.value, o.label, o, defaults, facts);
    if (declared.has(o.value)) throw dictionaryError(f, 'removed', { option: o.label });
    const n = await facts.holders(o.value);
    if (n > 0) throw dictionaryError(f, 'inUse', { option: o.label, count: n });
  }
  if (!out.some((o) => o.active)) throw dictionaryError(f, 'noneActive');
  return out;
}

/** Refuse to deactivate (or remove) an option something depends on. */
function keepActive(
  f: FieldDef,
  value: string,
  label: Label,
  existing: PicklistOption | undefined,
  defaults: Set<string>,
  facts: EditFacts,
): void {
  if (existing?.locked || isFixed(f)) throw dictionaryError(f, isFixed(f) ? 'fixed' : 'locked', { option: label });
  if (defaults.has(value)) throw dictionaryError(f, 'default', { option: label });
  const flow = facts.flowStates.get(value);
  if (flow) throw dictionaryError(f, 'flow', { option: label, flow });
}
