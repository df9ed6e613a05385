import type { FieldErrorCode, Label } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { validationFailed } from '../errors.ts';
import type { FieldDef } from '../metadata/types.ts';
import type { WriteEvent } from './hooks.ts';

/** The id a reference has after the write: the written column, else the stored value (API form `{ id }`). */
function after(e: WriteEvent, f: FieldDef): number | null {
  const written = e.values[f.column!];
  if (written !== undefined) return written === null ? null : Number(written);
  const stored = e.before?.[f.name] as { id?: unknown } | null | undefined;
  return stored?.id === undefined || stored.id === null ? null : Number(stored.id);
}

/**
 * Declared dependencies between references (`dependsOn`): an opportunity's contact must work for its customer, its
 * stage belong to its process. Checked on every create and update that writes either side (API, bulk edit, import),
 * after the modules' before-hooks, which may fill one side from the other. The engine's own writes (merges moving
 * references) and restores of old versions are not checked: they bring back or move what was valid when written.
 */
export async function checkDependencies(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.internal || (e.action !== 'create' && e.action !== 'update')) return;
  const problems: Record<string, FieldErrorCode> = {};
  const labels: Record<string, Label> = {};
  const params: Record<string, Record<string, Label>> = {};
  for (const f of e.object.fields.values()) {
    const dep = f.dependsOn;
    const parent = dep ? e.object.fields.get(dep.field) : undefined;
    if (!dep || !parent?.column || !f.column || !f.object) continue;
    if (e.values[f.column] === undefined && e.values[parent.column] === undefined) continue;
    const child = after(e, f);
    const of = after(e, parent);
    if (child === null || of === null) continue;
    const target = ctx.registry.get(f.object);
    const column = target.fields.get(dep.targetField)?.column;
    if (!column) throw new Error(`${e.object.name}.${f.name}: ${target.name}.${dep.targetField} has no column`);
    const r = await sql<{ v: unknown }>`select ${sql.ref(column)} as v from ${sql.table(target.table)}
      where id = ${child}`.execute(ctx.db);
    if (r.rows.length === 0 || (r.rows[0].v !== null && Number(r.rows[0].v) === of)) continue;
    problems[f.name] = 'notOfParent';
    labels[f.name] = f.label;
    params[f.name] = { parent: parent.label };
  }
  if (Object.keys(problems).length === 0) return;
  const err = validationFailed(problems, labels);
  err.fieldParams = params;
  throw err;
}
