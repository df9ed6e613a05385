import { sql } from 'kysely';
import { administratorIds } from '../access/account-lock.ts';
import type { Ctx } from '../context.ts';
import type { Assignee } from './tree.ts';

export interface ResolveInput {
  submitter: number;
  /** The record's person fields' user ids, by field name. */
  people: Record<string, number | null>;
  /** The users the submitter chose for 自选 steps, by node id. */
  chosen: Record<string, number[]>;
  nodeId: string;
}

const activeUsers = async (ctx: Ctx, ids: number[]): Promise<number[]> => {
  if (ids.length === 0) return [];
  const r = await sql<{ id: string }>`select id from obj_user where id = any(${ids}::bigint[])
    and deleted_at is null and active is not false`.execute(ctx.db);
  const ok = new Set(r.rows.map((x) => Number(x.id)));
  return ids.filter((i) => ok.has(i));
};

/** The submitter's managers upwards: manager, manager's manager … (at most `levels`, no loops). */
async function superiors(ctx: Ctx, user: number, levels: number): Promise<number[]> {
  const r = await sql<{ id: string }>`with recursive up as (
      select manager_id as id, 1 as depth from obj_user where id = ${user}
      union all select u.manager_id, up.depth + 1 from obj_user u join up on u.id = up.id
        where up.depth < ${levels} and u.manager_id is not null)
    select id from up where id is not null order by depth`.execute(ctx.db);
  return [...new Set(r.rows.map((x) => Number(x.id)))].filter((id) => id !== user || levels === 0);
}

/** The head of the submitter's department at `level` (1 = own department, 2 = its parent …). */
async function deptHead(ctx: Ctx, user: number, level: number): Promise<number[]> {
  const r = await sql<{ head: string | null }>`with recursive up as (
      select d.id, d.parent_id, d.head_id, 1 as depth from obj_department d
        join obj_user u on u.department_id = d.id where u.id = ${user} and d.deleted_at is null
      union all select d.id, d.parent_id, d.head_id, up.depth + 1 from obj_department d
        join up on d.id = up.parent_id where up.depth < ${level} and d.deleted_at is null)
    select head_id as head from up where depth = ${level}`.execute(ctx.db);
  const head = r.rows[0]?.head;
  return head ? [Number(head)] : [];
}

async function roleMembers(ctx: Ctx, role: number): Promise<number[]> {
  const r = await sql<{ id: string }>`select l.a_id as id from rel_obj_user_roles l
    join obj_role r on r.id = l.b_id and r.deleted_at is null where l.b_id = ${role} order by l.a_id`.execute(ctx.db);
  return r.rows.map((x) => Number(x.id));
}

/** Who a step's assignees are, in order, without repeats; users who left or are disabled drop out. */
export async function resolveAssignees(ctx: Ctx, assignees: Assignee[], input: ResolveInput): Promise<number[]> {
  const out: number[] = [];
  for (const a of assignees) {
    if (a.kind === 'users') out.push(...a.users);
    else if (a.kind === 'role') out.push(...(await roleMembers(ctx, a.role)));
    else if (a.kind === 'deptHead') out.push(...(await deptHead(ctx, input.submitter, a.level)));
    else if (a.kind === 'superiors') out.push(...(await superiors(ctx, input.submitter, a.levels)));
    else if (a.kind === 'chosen') out.push(...(input.chosen[input.nodeId] ?? []));
    else if (a.kind === 'field') {
      const v = input.people[a.field];
      if (v) out.push(v);
    }
  }
  return activeUsers(ctx, [...new Set(out)]);
}

/** Users' names by id, for paths and pages that show people (the predicted path, an instance's steps). */
export async function userNames(ctx: Ctx, ids: number[]): Promise<Record<number, string>> {
  if (ids.length === 0) return {};
  const r = await sql<{ id: string; name: string }>`select id, name from obj_user
    where id = any(${[...new Set(ids)]}::bigint[])`.execute(ctx.db);
  return Object.fromEntries(r.rows.map((u) => [Number(u.id), u.name]));
}

/** Administrators: the fallback of a step nobody can approve, and of escalations. */
export const administrators = (ctx: Ctx) => administratorIds(ctx.db);

/**
 * Where a task for `user` goes now: to their delegate when a delegation with approvals is in force (SEC-6),
 * recorded as "delegate on behalf of user".
 */
export async function delegateOf(ctx: Ctx, users: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (users.length === 0) return out;
  const r = await sql<{ from_user: string; to_user: string }>`select distinct on (from_user) from_user, to_user
    from sys_delegation d join obj_user t on t.id = d.to_user and t.deleted_at is null and t.active is not false
    where from_user = any(${users}::bigint[]) and approvals and revoked_at is null
      and now() >= starts_at and now() < ends_at order by from_user, d.id desc`.execute(ctx.db);
  for (const row of r.rows) out.set(Number(row.from_user), Number(row.to_user));
  return out;
}
