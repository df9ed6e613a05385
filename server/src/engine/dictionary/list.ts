import type { DictionaryField, DictionaryOption, PicklistOption } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { flowBoundStates } from '../flows/bound-states.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { defaultValues, isChoiceField, isFixed } from './merge.ts';
import { optionCounts } from './usage.ts';

export function requireAdmin(ctx: Ctx): void {
  if (!ctx.actor.isAdmin) throw new KehuError('FORBIDDEN');
}

/** The choice fields the data dictionary edits: readable by the caller, with options of their own. */
export function editableFields(ctx: Ctx, obj: ObjectDef): FieldDef[] {
  if (ctx.access.scope(obj.name, 'read') === 'none') return [];
  return [...obj.fields.values()].filter((f) => isChoiceField(f) && !f.optionsFrom && ctx.access.canReadField(obj, f));
}

export async function dictionaryVersions(ctx: Ctx, object?: string): Promise<Map<string, number>> {
  const r = await sql<{ object: string; field: string; version: number }>`select object, field, version
    from sys_picklist ${object === undefined ? sql`` : sql`where object = ${object}`}`.execute(ctx.db);
  return new Map(r.rows.map((x) => [`${x.object}.${x.field}`, x.version]));
}

function keepReason(f: FieldDef, o: PicklistOption, flows: Map<string, string> | undefined): DictionaryOption['keep'] {
  if (o.locked || isFixed(f)) return 'locked';
  if (defaultValues(f).has(o.value)) return 'default';
  return flows?.has(o.value) ? 'flow' : undefined;
}

/** One field as the dictionary shows it: options in force, why some must stay, and usage counts. */
export async function describeDictionaryField(
  ctx: Ctx,
  obj: ObjectDef,
  f: FieldDef,
  version: number,
  flows: Map<string, string> | undefined,
): Promise<DictionaryField> {
  const counts = await optionCounts(ctx, obj, f);
  const declared = new Set((f.declaredOptions ?? []).map((o) => o.value));
  return {
    object: obj.name,
    objectLabel: obj.label,
    field: f.name,
    label: f.label,
    type: f.type as DictionaryField['type'],
    custom: f.custom,
    fixed: isFixed(f),
    version,
    options: (f.options ?? []).map((o) => {
      const keep = keepReason(f, o, flows);
      return {
        ...o,
        active: o.active !== false,
        declared: declared.has(o.value),
        ...(keep ? { keep } : {}),
        count: counts ? (counts.get(o.value) ?? 0) : null,
      };
    }),
  };
}

/** `GET /api/dictionary`: every picklist of every object the administrator can see. */
export async function listDictionary(ctx: Ctx): Promise<DictionaryField[]> {
  requireAdmin(ctx);
  const versions = await dictionaryVersions(ctx);
  const flows = await flowBoundStates(ctx.db);
  const out: DictionaryField[] = [];
  // Business objects first, the system's own settings last (the order their menus have).
  const objects = ctx.registry.all();
  const settings = (o: ObjectDef) => (o.decl.nav?.group === 'settings' ? 1 : 0);
  for (const obj of [...objects].sort((a, b) => settings(a) - settings(b))) {
    for (const f of editableFields(ctx, obj)) {
      const key = `${obj.name}.${f.name}`;
      out.push(await describeDictionaryField(ctx, obj, f, versions.get(key) ?? 0, flows.get(key)));
    }
  }
  return out;
}
