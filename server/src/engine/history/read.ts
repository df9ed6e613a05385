import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { referencesFor, withholdLabels } from '../query/labels.ts';
import { type Reach, readerReach } from '../query/reach.ts';

/**
 * Values of versions as the caller may see them now: fields it may read (masked where masked), and relation
 * values without the title of a record it cannot read (SEC-2). `changes` hold [old, new] pairs.
 */
async function visibleVersions(ctx: Ctx, obj: ObjectDef, rows: Array<Record<string, any>>, reach: Reach) {
  const known = (values: Record<string, unknown> | null) =>
    Object.fromEntries(Object.entries(values ?? {}).filter(([k]) => k === 'deletedAt' || obj.fields.has(k)));
  const side = (values: Record<string, unknown>, i: 0 | 1) =>
    ctx.access.visible(obj, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, (v as unknown[])[i]])));
  const olds = rows.map((h) => side(known(h.changes), 0));
  const news = rows.map((h) => side(known(h.changes), 1));
  const snapshots = rows.map((h) => ctx.access.visible(obj, known(h.snapshot)));
  await withholdLabels(ctx.db, ctx.registry, obj, [...olds, ...news, ...snapshots], reach);
  return rows.map((_, i) => ({
    changes: Object.fromEntries(Object.keys(news[i]).map((k) => [k, [olds[i][k], news[i][k]]])),
    snapshot: snapshots[i],
  }));
}

/** Creation, deletion and undeletion are events by themselves, whatever fields they touched. */
const lifecycle = new Set(['create', 'delete', 'undelete']);
/** A merge (or its undo) may move related records without changing a field of this one. */
const merges = new Set(['merge', 'unmerge']);

/** Is a version worth showing to a caller who can read `changes` of its `raw` changes? */
function shown(action: string, raw: Record<string, unknown>, changes: Record<string, unknown>): boolean {
  if (lifecycle.has(action) || Object.keys(changes).length > 0) return true;
  return merges.has(action) && Object.keys(raw).length === 0;
}

/**
 * Versions of one record, newest first, limited to fields the caller may read (SEC-10, SEC-3). A change of
 * hidden or secret fields only is left out altogether: an empty entry would still tell when they changed.
 */
export async function listHistory(ctx: Ctx, obj: ObjectDef, id: number) {
  const pred = await ctx.access.predicate(obj, 'read', 't');
  const seen = await sql`select 1 from ${sql.table(obj.table)} as t where t.id = ${id} and ${pred}`.execute(ctx.db);
  if (!seen.rows.length) throw new KehuError('NOT_FOUND');
  const r = await sql<Record<string, any>>`select h.version, h.action, h.at, h.actor_id, h.on_behalf_of, h.ip,
      h.user_agent, h.changes, h.snapshot
    from sys_history h where h.object = ${obj.name} and h.record_id = ${id} order by h.version desc limit 500`.execute(
    ctx.db,
  );
  const reach = await readerReach(ctx);
  const seenRows = await visibleVersions(ctx, obj, r.rows, reach);
  // Who acted is shown as far as the caller may read users.
  const person = await referencesFor(
    ctx,
    'user',
    r.rows.flatMap((h) => [h.actor_id, h.on_behalf_of]),
  );
  const versions = [];
  for (const [i, h] of r.rows.entries()) {
    const { changes, snapshot } = seenRows[i];
    if (!shown(h.action, h.changes ?? {}, changes)) continue;
    versions.push({
      version: h.version,
      action: h.action,
      at: h.at instanceof Date ? h.at.toISOString() : h.at,
      actor: person(h.actor_id),
      onBehalfOf: person(h.on_behalf_of),
      ip: h.ip,
      userAgent: h.user_agent,
      changes,
      snapshot,
    });
  }
  return versions;
}
