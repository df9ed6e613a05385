import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { labelColumns } from '../query/labels.ts';
import { fullReach } from '../query/reach.ts';
import { formatRow, loadExtras, selection } from '../query/select.ts';

/**
 * The full record (every non-secret field), locked for update, without scope checks: for the pipeline's
 * own use after it has authorised the operation (history snapshots must be complete).
 */
export async function fetchFull(ctx: Ctx, obj: ObjectDef, id: number, lock = false) {
  const sel = selection(obj);
  // Labels in the same statement (one round trip per write for the re-read).
  const labels = labelColumns(ctx.registry, sel.fields, 't', fullReach);
  const r = await sql<Record<string, any>>`select ${sql.join([...sel.columns, ...labels.columns])}
    from ${sql.table(obj.table)} as t where t.id = ${id} ${lock ? sql`for update of t` : sql``}`.execute(ctx.db);
  const row = r.rows[0];
  if (!row) throw new KehuError('NOT_FOUND');
  labels.settle(r.rows);
  await loadExtras(ctx.db, ctx.registry, obj, sel.fields, [row], fullReach, { labels: false });
  return { row, record: formatRow(row, sel.fields) };
}

/** Is record `id` inside the actor's scope for `op`? (including deleted rows when asked) */
export async function inScope(ctx: Ctx, obj: ObjectDef, id: number, op: Parameters<Ctx['access']['scope']>[1]) {
  const pred = await ctx.access.predicate(obj, op, 't');
  const r = await sql`select 1 from ${sql.table(obj.table)} as t where t.id = ${id} and ${pred}`.execute(ctx.db);
  return r.rows.length > 0;
}
