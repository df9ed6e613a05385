import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import type { Row } from '../fields/field-type.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { fullReach } from '../query/reach.ts';
import { formatRow, loadExtras, selection } from '../query/select.ts';

export type Fetched = Map<number, { row: Row; record: Record<string, unknown> }>;

/** Full records (every non-secret field, API form) for many ids at once: the batch form of fetchFull. */
export async function fetchMany(ctx: Ctx, obj: ObjectDef, ids: number[], lock = false): Promise<Fetched> {
  const out: Fetched = new Map();
  if (ids.length === 0) return out;
  const sel = selection(obj);
  const r = await sql<Row>`select ${sql.join(sel.columns)} from ${sql.table(obj.table)} as t
    where t.id = any(${ids}::bigint[]) ${lock ? sql`for update of t` : sql``}`.execute(ctx.db);
  await loadExtras(ctx.db, ctx.registry, obj, sel.fields, r.rows, fullReach);
  for (const row of r.rows) out.set(Number(row.id), { row, record: formatRow(row, sel.fields) });
  return out;
}

/** The columns a record's API form is made of (search shadows and the like are not returned). */
export function returnedColumns(obj: ObjectDef): string[] {
  const cols = new Set(['id', 'deleted_at']);
  for (const f of selection(obj).fields) for (const c of f.impl.columns(f)) cols.add(c.name);
  return [...cols];
}

/**
 * API records from rows an INSERT returned (all columns): relation labels are looked up once per target object
 * for the whole batch, the way a list shows them — saving a second read of the new rows.
 */
export async function formatReturned(ctx: Ctx, obj: ObjectDef, rows: Row[]): Promise<Fetched> {
  const sel = selection(obj);
  await loadExtras(ctx.db, ctx.registry, obj, sel.fields, rows, fullReach);
  const out: Fetched = new Map();
  for (const row of rows) out.set(Number(row.id), { row, record: formatRow(row, sel.fields) });
  return out;
}
