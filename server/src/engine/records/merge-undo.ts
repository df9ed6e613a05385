import { labelText } from '@kehu/common';
import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { KehuError } from '../errors.ts';
import { enqueueEvent } from '../events/outbox.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { seenBy } from '../query/labels.ts';
import { authorizeExisting } from './authorize.ts';
import { fetchFull } from './fetch.ts';
import { authorizeMerge } from './merge-input.ts';
import { restoreLinks, restoreShares } from './merge-links.ts';
import { historyMark, type MergeLog, markHistory, sameValue, touch } from './merge-log.ts';
import { restoreReferences } from './merge-refs.ts';
import { undeleteRecord } from './remove.ts';
import { updateRecord } from './save.ts';

interface MergeRow {
  id: string;
  object: string;
  survivor_id: string;
  merged_ids: string[];
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
  log: MergeLog;
  undone_at: Date | null;
  undone_by: string | null;
  undone_by_name: string | null;
}

/**
 * Undo a merge (CUS-6) in one transaction: the survivor's merged fields get their earlier values, the merged
 * records leave the recycle bin, shares, links and references go back. Refused when that cannot be exact: the
 * survivor or a merged record was deleted or restored meanwhile, or a field the merge set was edited since (other
 * edits of the survivor are kept). References re-pointed on purpose since the merge stay where they are.
 */
export async function undoMerge(ctx: Ctx, mergeId: number) {
  return transaction(ctx, async (tx) => {
    const r = await sql<MergeRow>`select * from sys_merge where id = ${mergeId} for update`.execute(tx.db);
    const m = r.rows[0];
    if (!m || !tx.registry.has(m.object)) throw new KehuError('NOT_FOUND');
    const obj = tx.registry.get(m.object);
    const survivor = Number(m.survivor_id);
    const merged = m.merged_ids.map(Number);
    await authorizeMerge(tx, obj, survivor, 'survivor');
    for (const id of merged) await authorizeMerge(tx, obj, id, 'merged');
    if (m.undone_at) throw new KehuError('MERGE_UNDONE', {}, undefined, 409);
    const { row, record: current } = await fetchFull(tx, obj, survivor, true);
    if (row.deleted_at) throw new KehuError('MERGE_UNDO_BLOCKED', { id: survivor }, undefined, 409);
    for (const id of merged) {
      const { row: mr } = await fetchFull(tx, obj, id, true);
      if (!mr.deleted_at) throw new KehuError('MERGE_UNDO_BLOCKED', { id }, undefined, 409);
    }
    const log = m.log;
    for (const [field, [, after]] of Object.entries(log.values)) {
      if (!sameValue(current[field], after))
        throw new KehuError('MERGE_UNDO_CHANGED', { field: fieldLabel(tx, obj, field) }, undefined, 409);
    }
    const since = await historyMark(tx);
    const revert = Object.fromEntries(Object.entries(log.values).map(([f, [before]]) => [f, before]));
    if (Object.keys(revert).length) await updateRecord(tx, obj.name, survivor, revert, { pastValues: true });
    for (const id of merged) await undeleteRecord(tx, obj.name, id);
    await restoreShares(tx, obj, log.shares);
    await restoreLinks(tx, log.links);
    const references = await restoreReferences(tx, log.refs);
    const { record: after } = await fetchFull(tx, obj, survivor);
    if (after.version === current.version) await touch(tx, obj, survivor, after);
    await markHistory(tx, since, 'unmerge');
    await sql`update sys_merge set undone_at = now(), undone_by = ${tx.actor.userId || null} where id = ${mergeId}`.execute(
      tx.db,
    );
    await enqueueEvent(tx, obj.name, survivor, 'unmerge', { merge: mergeId, merged });
    const { record: final } = await fetchFull(tx, obj, survivor);
    return { merge: { id: mergeId }, record: await seenBy(tx, obj, final), restored: { references } };
  });
}

function fieldLabel(ctx: Ctx, obj: ObjectDef, field: string): string {
  const f = obj.fields.get(field);
  return f ? labelText(f.label, ctx.locale, field) : field;
}

/** Titles of records the caller may read (others stay unnamed). */
async function titles(ctx: Ctx, obj: ObjectDef, ids: number[]): Promise<Map<number, string>> {
  const title = obj.fields.get(obj.titleField);
  if (!ids.length || !title?.column || !ctx.access.canReadField(obj, title)) return new Map();
  const pred = await ctx.access.predicate(obj, 'read', 't');
  const r = await sql<{ id: string; title: string | null }>`select t.id, ${sql.ref(`t.${title.column}`)}::text as title
    from ${sql.table(obj.table)} as t where t.id = any(${ids}::bigint[]) and ${pred}`.execute(ctx.db);
  return new Map(r.rows.map((x) => [Number(x.id), x.title ?? '']));
}

/** Merges a record took part in, as survivor or merged, newest first (for the detail page and its undo button). */
export async function listMerges(ctx: Ctx, objectName: string, id: number) {
  const obj = ctx.registry.get(objectName);
  await authorizeExisting(ctx, obj, id, 'read');
  const r = await sql<MergeRow>`select m.*, a.name as actor_name, b.name as undone_by_name from sys_merge m
      left join obj_user a on a.id = m.actor_id left join obj_user b on b.id = m.undone_by
    where m.object = ${obj.name} and (m.survivor_id = ${id} or m.merged_ids @> array[${id}]::bigint[])
    order by m.id desc limit 100`.execute(ctx.db);
  const ids = [...new Set(r.rows.flatMap((m) => [Number(m.survivor_id), ...m.merged_ids.map(Number)]))];
  const names = await titles(ctx, obj, ids);
  const ref = (x: number) => ({ id: x, label: names.get(x) ?? null });
  const iso = (d: Date | null) => (d instanceof Date ? d.toISOString() : d);
  return r.rows.map((m) => ({
    id: Number(m.id),
    at: iso(m.at),
    actor: m.actor_id ? { id: Number(m.actor_id), label: m.actor_name } : null,
    survivor: ref(Number(m.survivor_id)),
    merged: m.merged_ids.map((x) => ref(Number(x))),
    role: Number(m.survivor_id) === id ? 'survivor' : 'merged',
    fields: Object.keys(m.log.values),
    moved: {
      references: m.log.refs.length,
      links: m.log.links.filter((l) => l.op === 'moved').length,
      shares: m.log.shares.filter((s) => s.op === 'moved').length,
    },
    undoneAt: iso(m.undone_at),
    undoneBy: m.undone_by ? { id: Number(m.undone_by), label: m.undone_by_name } : null,
  }));
}
