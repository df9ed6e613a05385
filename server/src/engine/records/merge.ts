import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { KehuError } from '../errors.ts';
import { enqueueEvent } from '../events/outbox.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { seenBy } from '../query/labels.ts';
import { fetchFull } from './fetch.ts';
import { authorizeMerge, choosableFields, type MergeInput, parseMergeInput } from './merge-input.ts';
import { moveLinks, moveShares } from './merge-links.ts';
import { historyMark, type MergeLog, markHistory, sameValue, touch } from './merge-log.ts';
import { moveReferences } from './merge-refs.ts';
import { deleteRecord } from './remove.ts';
import { updateRecord } from './save.ts';

type Rec = Record<string, unknown>;

export interface MergeResult {
  merge: { id: number };
  /** The survivor after the merge, as the caller may see it. */
  record: Rec;
  moved: { references: number; links: number; shares: number };
}

const fileRefs = (v: unknown) =>
  Array.isArray(v) ? v.map((f: { id: number; sha256?: string }) => ({ id: f.id, sha256: f.sha256 })) : [];

/**
 * What the survivor takes: the chosen fields' values from their records (a reference to one of the merged records
 * or to the survivor itself becomes empty, it would point at itself); files of every record unless a field was
 * chosen explicitly.
 */
function survivorInput(ctx: Ctx, obj: ObjectDef, input: MergeInput, records: Map<number, Rec>): Rec {
  const out: Rec = {};
  const involved = new Set([input.survivor, ...input.merged]);
  for (const [field, source] of Object.entries(input.values)) {
    if (source === input.survivor) continue;
    const f = obj.fields.get(field)!;
    let v = records.get(source)?.[field] ?? null;
    const target = (v as { id?: number } | null)?.id;
    if (f.type === 'manyToOne' && f.object === obj.name && target !== undefined && involved.has(target)) v = null;
    out[field] = v;
  }
  for (const f of choosableFields(ctx, obj)) {
    if (f.type !== 'attachments' || f.name in input.values) continue;
    const own = fileRefs(records.get(input.survivor)?.[f.name]);
    const all = new Map(own.map((x) => [x.id, x]));
    for (const id of input.merged)
      for (const x of fileRefs(records.get(id)?.[f.name])) if (!all.has(x.id)) all.set(x.id, x);
    if (all.size > own.length) out[f.name] = [...all.values()];
  }
  return out;
}

/** Write the survivor's new values through the pipeline (the caller's rights); return `{ field: [before, after] }`. */
async function takeValues(ctx: Ctx, obj: ObjectDef, survivor: number, values: Rec) {
  if (Object.keys(values).length === 0) return {};
  const { record: before } = await fetchFull(ctx, obj, survivor);
  await updateRecord(ctx, obj.name, survivor, values);
  const { record: after } = await fetchFull(ctx, obj, survivor);
  const changed: MergeLog['values'] = {};
  for (const k of Object.keys(values))
    if (!sameValue(before[k], after[k])) changed[k] = [before[k] ?? null, after[k] ?? null];
  return changed;
}

/**
 * Merge records of one object into a survivor (CUS-6), in one transaction: every reference, link and share moves
 * to the survivor, the merged records go to the recycle bin, the survivor takes the chosen values, and the merge
 * log keeps exactly what moved so that `undoMerge` can put it back. History on every touched record says "merge".
 */
export async function mergeRecords(ctx: Ctx, objectName: string, body: unknown): Promise<MergeResult> {
  const obj = ctx.registry.get(objectName);
  const input = parseMergeInput(ctx, obj, body);
  const { survivor, merged } = input;
  return transaction(ctx, async (tx) => {
    await authorizeMerge(tx, obj, survivor, 'survivor');
    for (const id of merged) await authorizeMerge(tx, obj, id, 'merged');
    const records = new Map<number, Rec>();
    for (const id of [survivor, ...merged]) {
      const { row, record } = await fetchFull(tx, obj, id, true);
      const role = id === survivor ? 'survivor' : 'merged';
      if (row.deleted_at) throw new KehuError('MERGE_DELETED', { field: role, id }, { [role]: 'notFound' }, 409);
      records.set(id, record);
    }
    const since = await historyMark(tx);
    const refs = await moveReferences(tx, obj, survivor, merged);
    const links = await moveLinks(tx, obj, survivor, merged);
    const shares = await moveShares(tx, obj, survivor, merged);
    // Deleted first: a unique value the survivor takes over is then free.
    for (const id of merged) await deleteRecord(tx, obj.name, id);
    const values = await takeValues(tx, obj, survivor, survivorInput(tx, obj, input, records));
    const { record: after } = await fetchFull(tx, obj, survivor);
    // Even a merge that changed nothing on the survivor itself shows in its history.
    if (after.version === records.get(survivor)!.version) await touch(tx, obj, survivor, after);
    await markHistory(tx, since, 'merge');
    const log: MergeLog = { values, refs, links, shares };
    const r = await sql<{
      id: string;
    }>`insert into sys_merge (object, survivor_id, merged_ids, actor_id, on_behalf_of, log)
      values (${obj.name}, ${survivor}, ${merged}::bigint[], ${tx.actor.userId || null}, ${tx.actor.onBehalfOf ?? null},
        ${JSON.stringify(log)}) returning id`.execute(tx.db);
    const id = Number(r.rows[0].id);
    await enqueueEvent(tx, obj.name, survivor, 'merge', { merge: id, merged });
    const { record: final } = await fetchFull(tx, obj, survivor);
    return {
      merge: { id },
      record: await seenBy(tx, obj, final),
      moved: {
        references: refs.length,
        links: links.filter((l) => l.op === 'moved').length,
        shares: shares.filter((s) => s.op === 'moved').length,
      },
    };
  });
}
