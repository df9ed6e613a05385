import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';

/** Values of a version as the caller may see them; `changes` hold [old, new] pairs. */
function visible(ctx: Ctx, obj: ObjectDef, values: Record<string, unknown>, pairs = false): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (k === 'deletedAt' || obj.fields.has(k)) known[k] = v;
  if (!pairs) return ctx.access.visible(obj, known);
  const olds = ctx.access.visible(
    obj,
    Object.fromEntries(Object.entries(known).map(([k, v]) => [k, (v as unknown[])[0]])),
  );
  const news = ctx.access.visible(
    obj,
    Object.fromEntries(Object.entries(known).map(([k, v]) => [k, (v as unknown[])[1]])),
  );
  return Object.fromEntries(Object.keys(news).map((k) => [k, [olds[k], news[k]]]));
}

/** Versions of one record, newest first, limited to fields the caller may read (SEC-10, SEC-3). */
export async function listHistory(ctx: Ctx, obj: ObjectDef, id: number) {
  const pred = await ctx.access.predicate(obj, 'read', 't');
  const seen = await sql`select 1 from ${sql.table(obj.table)} as t where t.id = ${id} and ${pred}`.execute(ctx.db);
  if (!seen.rows.length) throw new KehuError('NOT_FOUND');
  const r = await sql<Record<string, any>>`select h.version, h.action, h.at, h.actor_id, a.name as actor_name,
      h.on_behalf_of, b.name as on_behalf_of_name, h.ip, h.user_agent, h.changes, h.snapshot
    from sys_history h left join obj_user a on a.id = h.actor_id left join obj_user b on b.id = h.on_behalf_of
    where h.object = ${obj.name} and h.record_id = ${id} order by h.version desc limit 500`.execute(ctx.db);
  return r.rows.map((h) => ({
    version: h.version,
    action: h.action,
    at: h.at instanceof Date ? h.at.toISOString() : h.at,
    actor: h.actor_id ? { id: h.actor_id, label: h.actor_name } : null,
    onBehalfOf: h.on_behalf_of ? { id: h.on_behalf_of, label: h.on_behalf_of_name } : null,
    ip: h.ip,
    userAgent: h.user_agent,
    changes: visible(ctx, obj, h.changes, true),
    snapshot: visible(ctx, obj, h.snapshot),
  }));
}
