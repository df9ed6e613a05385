import { sql } from 'kysely';
import { type Ctx, subjectOf, transaction } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import { enqueueEvent } from '../events/outbox.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { referencesFor } from '../query/labels.ts';
import { authorizeExisting } from '../records/authorize.ts';
import { inScope } from '../records/fetch.ts';

export interface ShareInput {
  user?: unknown;
  department?: unknown;
  level?: unknown;
}

type Level = 'read' | 'edit';

const positiveId = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);

/** Who a record is shared with (SEC-4): visible to anyone who can read the record. */
export async function listShares(ctx: Ctx, objectName: string, id: number) {
  const obj = ctx.registry.get(objectName);
  await authorizeExisting(ctx, obj, id, 'read');
  const r = await sql<Record<string, any>>`select s.id, s.level, s.user_id, s.department_id, s.created_at
    from sys_share s where s.object = ${obj.name} and s.record_id = ${id} order by s.id`.execute(ctx.db);
  // People and departments are named as far as the caller may read them.
  const user = await referencesFor(
    ctx,
    'user',
    r.rows.map((s) => s.user_id),
  );
  const department = await referencesFor(
    ctx,
    'department',
    r.rows.map((s) => s.department_id),
  );
  return r.rows.map((s) => ({
    id: s.id,
    level: s.level,
    user: user(s.user_id),
    department: department(s.department_id),
    createdAt: s.created_at instanceof Date ? s.created_at.toISOString() : s.created_at,
  }));
}

function parseShare(input: ShareInput) {
  const user = positiveId(input.user);
  const department = positiveId(input.department);
  const level = input.level ?? 'read';
  const problems: Record<string, 'required' | 'invalidOption' | 'notFound'> = {};
  if ((user === undefined) === (department === undefined))
    problems[input.user !== undefined ? 'user' : 'department'] = 'required';
  if (level !== 'read' && level !== 'edit') problems.level = 'invalidOption';
  if (Object.keys(problems).length) throw validationFailed(problems);
  return { user, department, level: level as Level };
}

/** Is the actor, in person (not through a delegation), the record's owner? */
async function ownsRecord(ctx: Ctx, obj: ObjectDef, id: number): Promise<boolean> {
  if (ctx.actor.onBehalfOf || !ctx.actor.userId) return false;
  const r = await sql`select 1 from ${sql.table(obj.table)} as t
    where t.id = ${id} and ${sql.ref(`t.${obj.ownerColumn}`)} = ${subjectOf(ctx.actor)}`.execute(ctx.db);
  return r.rows.length > 0;
}

/**
 * The sharing rule (SEC-4), for giving and for removing a share: the record's owner, an administrator, or
 * someone whose `share` right covers the record. A share never gives more than the sharer holds: who may only
 * read the record shares (or unshares) at most `read`. A share itself never carries the share right, so a
 * recipient cannot pass the record on. Outside the read scope the record does not exist (404).
 */
export async function authorizeShare(ctx: Ctx, obj: ObjectDef, id: number, level: Level): Promise<void> {
  await authorizeExisting(ctx, obj, id, 'read');
  if (ctx.actor.isAdmin) return;
  const may = (await ownsRecord(ctx, obj, id)) || (await inScope(ctx, obj, id, 'share'));
  if (!may) throw new KehuError('SHARE_FORBIDDEN', {}, undefined, 403);
  if (level === 'edit' && !(await inScope(ctx, obj, id, 'update')))
    throw new KehuError('SHARE_LEVEL_EXCEEDED', {}, undefined, 403);
}

async function writeShare(tx: Ctx, obj: ObjectDef, id: number, s: ReturnType<typeof parseShare>) {
  const { user, department, level } = s;
  const target = user
    ? await sql`select 1 from obj_user where id = ${user} and deleted_at is null`.execute(tx.db)
    : await sql`select 1 from obj_department where id = ${department!} and deleted_at is null`.execute(tx.db);
  if (!target.rows.length) throw validationFailed({ [user ? 'user' : 'department']: 'notFound' });
  const r = await sql<{
    id: number;
  }>`insert into sys_share (object, record_id, user_id, department_id, level, created_by)
    values (${obj.name}, ${id}, ${user ?? null}, ${department ?? null}, ${level}, ${tx.actor.userId || null})
    on conflict (object, record_id, coalesce(user_id, 0), coalesce(department_id, 0)) do update set level = excluded.level
    returning id`.execute(tx.db);
  await enqueueEvent(tx, obj.name, id, 'share', { user, department, level });
  return { id: r.rows[0].id };
}

/** A person shares a record with a user or a department, to read or to edit (the API; see `authorizeShare`). */
export async function shareRecord(ctx: Ctx, objectName: string, id: number, input: ShareInput) {
  const obj = ctx.registry.get(objectName);
  const share = parseShare(input);
  return transaction(ctx, async (tx) => {
    await authorizeShare(tx, obj, id, share.level);
    return writeShare(tx, obj, id, share);
  });
}

/** A person removes a share of a record: the same rule as giving it, at the level of the share removed. */
export async function unshareRecord(ctx: Ctx, objectName: string, id: number, shareId: number) {
  const obj = ctx.registry.get(objectName);
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, obj, id, 'read');
    const r = await sql<{ level: Level }>`select level from sys_share
      where id = ${shareId} and object = ${obj.name} and record_id = ${id}`.execute(tx.db);
    if (!r.rows[0]) throw new KehuError('NOT_FOUND');
    await authorizeShare(tx, obj, id, r.rows[0].level);
    await deleteShare(tx, obj, id, shareId);
  });
}

async function deleteShare(tx: Ctx, obj: ObjectDef, id: number, shareId: number) {
  const r =
    await sql`delete from sys_share where id = ${shareId} and object = ${obj.name} and record_id = ${id}`.execute(
      tx.db,
    );
  if (!r.numAffectedRows) throw new KehuError('NOT_FOUND');
  await enqueueEvent(tx, obj.name, id, 'unshare', { share: shareId });
}

/**
 * Shares a module's rule keeps in step with its data (event attendees, a pool's department, the managers of a
 * transfer request), written on the caller's behalf after the rule checked them: needs the right to edit the
 * record, and never more than that. People sharing by hand go through `shareRecord`.
 */
export async function addShare(ctx: Ctx, objectName: string, id: number, input: ShareInput) {
  const obj = ctx.registry.get(objectName);
  const share = parseShare(input);
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, obj, id, 'update');
    return writeShare(tx, obj, id, share);
  });
}

/** Remove a share a module's rule keeps (see `addShare`). */
export async function removeShare(ctx: Ctx, objectName: string, id: number, shareId: number) {
  const obj = ctx.registry.get(objectName);
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, obj, id, 'update');
    await deleteShare(tx, obj, id, shareId);
  });
}
