import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import type { Row } from '../fields/field-type.ts';
import { labelAlias } from '../fields/relation.field.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { formatRow, loadExtras, selection } from '../query/select.ts';

export type Fetched = Map<number, { row: Row; record: Record<string, unknown> }>;

/** Full records (every non-secret field, API form) for many ids at once: the batch form of fetchFull. */
export async function fetchMany(ctx: Ctx, obj: ObjectDef, ids: number[], lock = false): Promise<Fetched> {
  const out: Fetched = new Map();
  if (ids.length === 0) return out;
  const sel = selection(ctx.registry, obj);
  const r =
    await sql<Row>`select ${sql.join(sel.columns)} from ${sql.table(obj.table)} as t ${sql.join(sel.joins, sql` `)}
    where t.id = any(${ids}::bigint[]) ${lock ? sql`for update of t` : sql``}`.execute(ctx.db);
  await loadExtras(ctx.db, ctx.registry, obj, sel.fields, r.rows);
  for (const row of r.rows) out.set(Number(row.id), { row, record: formatRow(row, sel.fields) });
  return out;
}

/** The columns a record's API form is made of (search shadows and the like are not returned). */
export function returnedColumns(ctx: Ctx, obj: ObjectDef): string[] {
  const cols = new Set(['id', 'deleted_at']);
  for (const f of selection(ctx.registry, obj).fields) for (const c of f.impl.columns(f)) cols.add(c.name);
  return [...cols];
}

/** Can records be built from RETURNING rows? Only when every join is a relation label this file knows how to add. */
export function canFormatReturned(obj: ObjectDef): boolean {
  return [...obj.fields.values()].every((f) => !f.impl.joins || f.type === 'manyToOne' || f.type === 'owner');
}

/**
 * API records from rows an INSERT returned (all columns): relation labels are looked up once per target object
 * for the whole batch, the way the list query's joins would show them — saving a second read of the new rows.
 */
export async function formatReturned(ctx: Ctx, obj: ObjectDef, rows: Row[]): Promise<Fetched> {
  const sel = selection(ctx.registry, obj);
  const byTarget = new Map<string, { target: ObjectDef; fields: typeof sel.fields; ids: Set<number> }>();
  for (const f of sel.fields) {
    if (!f.impl.joins) continue;
    const target = ctx.registry.get(f.type === 'owner' ? 'user' : f.object!);
    const entry = byTarget.get(target.name) ?? { target, fields: [], ids: new Set<number>() };
    entry.fields.push(f);
    for (const r of rows) if (r[f.column!] !== null && r[f.column!] !== undefined) entry.ids.add(Number(r[f.column!]));
    byTarget.set(target.name, entry);
  }
  for (const { target, fields, ids } of byTarget.values()) {
    const title = target.fields.get(target.titleField);
    const titleExpr = title?.column ? sql.ref(`x.${title.column}`) : sql`x.id::text`;
    const labels = new Map<number, unknown>();
    if (ids.size) {
      const r = await sql<{
        id: number;
        label: unknown;
      }>`select x.id, ${titleExpr} as label from ${sql.table(target.table)} as x
        where x.id = any(${[...ids]}::bigint[])`.execute(ctx.db);
      for (const l of r.rows) labels.set(Number(l.id), l.label);
    }
    for (const r of rows) for (const f of fields) r[labelAlias(f)] = labels.get(Number(r[f.column!])) ?? null;
  }
  await loadExtras(ctx.db, ctx.registry, obj, sel.fields, rows);
  const out: Fetched = new Map();
  for (const row of rows) out.set(Number(row.id), { row, record: formatRow(row, sel.fields) });
  return out;
}
