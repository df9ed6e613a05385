import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import { enqueueEvent } from '../events/outbox.ts';
import { authorizeExisting } from '../records/authorize.ts';

export interface ShareInput {
  user?: unknown;
  department?: unknown;
  level?: unknown;
}

const positiveId = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);

/** Who a record is shared with (SEC-4): visible to anyone who can read the record. */
export async function listShares(ctx: Ctx, objectName: string, id: number) {
  const obj = ctx.registry.get(objectName);
  await authorizeExisting(ctx, obj, id, 'read');
  const r = await sql<Record<string, any>>`select s.id, s.level, s.user_id, u.name as user_name, s.department_id,
      d.name as department_name, s.created_at
    from sys_share s left join obj_user u on u.id = s.user_id left join obj_department d on d.id = s.department_id
    where s.object = ${obj.name} and s.record_id = ${id} order by s.id`.execute(ctx.db);
  return r.rows.map((s) => ({
    id: s.id,
    level: s.level,
    user: s.user_id ? { id: s.user_id, label: s.user_name } : null,
    department: s.department_id ? { id: s.department_id, label: s.department_name } : null,
    createdAt: s.created_at instanceof Date ? s.created_at.toISOString() : s.created_at,
  }));
}

/** Share a record with a user or a department, to read or to edit. Needs the right to edit the record. */
export async function addShare(ctx: Ctx, objectName: string, id: number, input: ShareInput) {
  const obj = ctx.registry.get(objectName);
  const user = positiveId(input.user);
  const department = positiveId(input.department);
  const level = input.level ?? 'read';
  const problems: Record<string, 'required' | 'invalidOption' | 'notFound'> = {};
  if ((user === undefined) === (department === undefined))
    problems[input.user !== undefined ? 'user' : 'department'] = 'required';
  if (level !== 'read' && level !== 'edit') problems.level = 'invalidOption';
  if (Object.keys(problems).length) throw validationFailed(problems);
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, obj, id, 'update');
    const target = user
      ? await sql`select 1 from obj_user where id = ${user} and deleted_at is null`.execute(tx.db)
      : await sql`select 1 from obj_department where id = ${department!} and deleted_at is null`.execute(tx.db);
    if (!target.rows.length) throw validationFailed({ [user ? 'user' : 'department']: 'notFound' });
    const r = await sql<{
      id: number;
    }>`insert into sys_share (object, record_id, user_id, department_id, level, created_by)
      values (${obj.name}, ${id}, ${user ?? null}, ${department ?? null}, ${level as string}, ${tx.actor.userId || null})
      on conflict (object, record_id, coalesce(user_id, 0), coalesce(department_id, 0)) do update set level = excluded.level
      returning id`.execute(tx.db);
    await enqueueEvent(tx, obj.name, id, 'share', { user, department, level });
    return { id: r.rows[0].id };
  });
}

export async function removeShare(ctx: Ctx, objectName: string, id: number, shareId: number) {
  const obj = ctx.registry.get(objectName);
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, obj, id, 'update');
    const r =
      await sql`delete from sys_share where id = ${shareId} and object = ${obj.name} and record_id = ${id}`.execute(
        tx.db,
      );
    if (!r.numAffectedRows) throw new KehuError('NOT_FOUND');
    await enqueueEvent(tx, obj.name, id, 'unshare', { share: shareId });
  });
}
