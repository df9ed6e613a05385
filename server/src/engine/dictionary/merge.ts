import type { Label, PicklistOption } from '@kehu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Registry } from '../metadata/registry.ts';
import type { FieldDef } from '../metadata/types.ts';

/** One option as the data dictionary stores it (`sys_picklist.options`, in the administrator's order). */
export interface StoredOption {
  value: string;
  label: Label;
  color?: string;
  active: boolean;
}

export const isChoiceField = (f: FieldDef) => f.type === 'picklist' || f.type === 'multiPicklist';

/** Option values of the field's default: the engine fills them in on create, so they must stay active. */
export function defaultValues(f: FieldDef): Set<string> {
  const d = f.default;
  return new Set((Array.isArray(d) ? d : [d]).filter((v): v is string => typeof v === 'string'));
}

/** Code-declared fixed fields: every declared option is locked and nothing can be added. */
export const isFixed = (f: FieldDef) => !f.custom && f.fixedOptions === true;

/**
 * The options in force: the administrator's list (order, labels, colours, active flags, added options), then any
 * declared option the list does not name yet (code added it since). Only code may lock an option; locked options
 * and the default stay active whatever is stored, so a later code change wins over an old edit.
 */
export function effectiveOptions(f: FieldDef, stored: StoredOption[] | undefined): PicklistOption[] {
  const declared = f.declaredOptions ?? [];
  const byValue = new Map(declared.map((o) => [o.value, o]));
  const fixed = isFixed(f);
  const defaults = defaultValues(f);
  const seen = new Set<string>();
  const out: PicklistOption[] = [];
  const add = (o: PicklistOption, active: boolean) => {
    const d = byValue.get(o.value);
    const locked = !f.custom && (fixed || d?.locked === true);
    const on = locked || defaults.has(o.value) || active;
    seen.add(o.value);
    out.push({
      value: o.value,
      label: o.label,
      ...(o.color ? { color: o.color } : {}),
      ...(on ? {} : { active: false }),
      ...(locked ? { locked: true } : {}),
    });
  };
  for (const s of stored ?? []) {
    if (seen.has(s.value) || (fixed && !byValue.has(s.value))) continue;
    add(s, s.active);
  }
  for (const d of declared) if (!seen.has(d.value)) add(d, d.active !== false);
  return out;
}

/** The field an `optionsFrom: 'object.field'` names, when it exists and is a choice field. */
export function optionsSource(registry: Registry, f: FieldDef): FieldDef | undefined {
  if (!f.optionsFrom) return undefined;
  const [object, field] = f.optionsFrom.split('.');
  const src = registry.has(object) ? registry.get(object).fields.get(field) : undefined;
  return src && isChoiceField(src) && !src.optionsFrom ? src : undefined;
}

/** Put the stored lists (key `object.field`) in force on every choice field of the registry. */
export function applyDictionary(registry: Registry, stored: Map<string, StoredOption[]>): void {
  const derived: FieldDef[] = [];
  for (const obj of registry.all()) {
    for (const f of obj.fields.values()) {
      if (!isChoiceField(f)) continue;
      if (f.optionsFrom) derived.push(f);
      else f.options = effectiveOptions(f, stored.get(`${obj.name}.${f.name}`));
    }
  }
  // A derived field shows and accepts exactly what its source does.
  for (const f of derived) f.options = optionsSource(registry, f)?.options ?? effectiveOptions(f, undefined);
}

/** A stored list as read back from the database (defensive: rows are never trusted to be well-formed). */
export function storedList(v: unknown): StoredOption[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((o) =>
    o && typeof o.value === 'string' && o.label && typeof o.label['zh-CN'] === 'string'
      ? [
          {
            value: o.value,
            label: o.label,
            ...(typeof o.color === 'string' ? { color: o.color } : {}),
            active: o.active !== false,
          },
        ]
      : [],
  );
}

/** Read every stored list and put them in force (start-up, and on each metadata notification). */
export async function loadDictionary(db: Db, registry: Registry): Promise<void> {
  const r = await sql<{ object: string; field: string; options: unknown }>`select object, field, options
    from sys_picklist`.execute(db);
  applyDictionary(registry, new Map(r.rows.map((x) => [`${x.object}.${x.field}`, storedList(x.options)])));
}
