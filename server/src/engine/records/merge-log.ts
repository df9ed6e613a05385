import { sql } from 'kysely';
import { Access } from '../access/access.ts';
import type { Ctx } from '../context.ts';
import { diff, writeVersion } from '../history/history.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { fetchFull } from './fetch.ts';
import { finishWrite, updateRow } from './write.ts';

/** A many-to-one reference that the merge moved: record `id` of `object` had `field` = `from`, now `to`. */
export interface RefMove {
  object: string;
  field: string;
  id: number;
  from: number;
  to: number | null;
}

/** A many-to-many link row that moved to the survivor (`moved`) or was removed as a duplicate pair (`dropped`). */
export interface LinkMove {
  object: string;
  field: string;
  /** The column that pointed at the merged record: `a_id` (the owning side) or `b_id` (the target side). */
  side: 'a' | 'b';
  other: number;
  from: number;
  to: number;
  op: 'moved' | 'dropped';
}

export interface ShareRow {
  id: number;
  record_id: number;
  user_id: number | null;
  department_id: number | null;
  level: string;
  created_by: number | null;
  created_at: string;
}

/** A record share that moved, was dropped because the survivor had one for the same person, or was raised to edit. */
export type ShareMove =
  | { op: 'moved'; id: number; from: number }
  | { op: 'dropped'; row: ShareRow }
  | { op: 'raised'; id: number; level: string };

/** Exactly what a merge changed, so that undo can put it back. */
export interface MergeLog {
  /** Survivor fields the merge wrote: `{ field: [before, after] }` in API form. */
  values: Record<string, [unknown, unknown]>;
  refs: RefMove[];
  links: LinkMove[];
  shares: ShareMove[];
}

/**
 * The caller acting with every right: moving references of records the caller may not see or edit is the system
 * completing a merge the caller was allowed to make (see docs/security.md). History still names the caller.
 */
export function completing(ctx: Ctx): Ctx {
  const actor = { ...ctx.actor, isAdmin: true };
  return { ...ctx, actor, access: new Access(actor, ctx.db) };
}

/** The newest history row id before the merge; rows after it written by this transaction belong to the merge. */
export async function historyMark(ctx: Ctx): Promise<number> {
  const r = await sql<{ id: string | null }>`select max(id) as id from sys_history`.execute(ctx.db);
  return Number(r.rows[0].id ?? 0);
}

/** Label every version this transaction wrote since `since` as a merge (or its undo), whatever hook wrote it. */
export async function markHistory(ctx: Ctx, since: number, action: 'merge' | 'unmerge'): Promise<void> {
  await sql`update sys_history set action = ${action}
    where id > ${since} and xmin::text::bigint = txid_current() % 4294967296`.execute(ctx.db);
}

/** A new version of a live record whose stored-elsewhere values (links) changed: history, event, after-hooks. */
export async function touch(ctx: Ctx, obj: ObjectDef, id: number, before: Record<string, unknown>): Promise<void> {
  await updateRow(ctx, obj, id, {}, []);
  await finishWrite(ctx, obj, id, 'update', { action: 'update', object: obj, id, before, values: {} }, before);
}

/**
 * Change one column of a record in the recycle bin (its references must follow the merge too). Hooks and events
 * are for live records; the version and its history are kept all the same.
 */
export async function setInBin(
  ctx: Ctx,
  obj: ObjectDef,
  id: number,
  column: string | undefined,
  value: number | null,
): Promise<void> {
  const { record: before } = await fetchFull(ctx, obj, id, true);
  const set = column ? sql`${sql.ref(column)} = ${value},` : sql``;
  await sql`update ${sql.table(obj.table)} set ${set} version = version + 1, updated_at = now(),
    updated_by = ${ctx.actor.userId || null} where id = ${id}`.execute(ctx.db);
  const { record: after } = await fetchFull(ctx, obj, id);
  await writeVersion(ctx, obj, id, after.version as number, 'update', diff(before, after), after);
}

/** Compare API values, taking references by id (their labels may have been renamed meanwhile). */
export function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object' && 'id' in v) return (v as { id: unknown }).id;
    return v ?? null;
  };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
