import { type Grants, type Operation, operations } from '@kehu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { type Actor, type Ctx, subjectOf } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import { Access } from './access.ts';
import { loadActor } from './actor.ts';

/** Delegated rights: object name → operations (SEC-6). */
export type DelegatedRights = Record<string, Operation[]>;

export interface DelegationInput {
  to?: unknown;
  rights?: unknown;
  approvals?: unknown;
  startsAt?: unknown;
  endsAt?: unknown;
  note?: unknown;
}

const maxDays = 366;

function parseRights(v: unknown, own: Ctx['access']): DelegatedRights | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: DelegatedRights = {};
  for (const [object, ops] of Object.entries(v)) {
    if (!Array.isArray(ops) || !ops.every((o) => operations.includes(o))) return undefined;
    // One can only delegate what one has.
    if (ops.some((o) => own.scope(object, o) === 'none')) return undefined;
    out[object] = [...new Set(ops as Operation[])];
  }
  return out;
}

/** A user hands chosen rights to another user for a period; it ends by itself. */
export async function createDelegation(ctx: Ctx, input: DelegationInput) {
  if (ctx.actor.onBehalfOf) throw new KehuError('FORBIDDEN');
  const to = typeof input.to === 'number' && Number.isSafeInteger(input.to) ? input.to : undefined;
  const rights = parseRights(input.rights ?? {}, ctx.access);
  const starts = new Date(typeof input.startsAt === 'string' ? input.startsAt : Date.now());
  const ends = new Date(typeof input.endsAt === 'string' ? input.endsAt : Number.NaN);
  const problems: Record<string, 'required' | 'format' | 'notFound' | 'invalidDate' | 'tooLarge'> = {};
  if (!to || to === ctx.actor.userId) problems.to = 'required';
  if (!rights) problems.rights = 'format';
  if (Number.isNaN(starts.getTime())) problems.startsAt = 'invalidDate';
  if (Number.isNaN(ends.getTime()) || ends <= starts) problems.endsAt = 'invalidDate';
  else if (ends.getTime() - starts.getTime() > maxDays * 86400000) problems.endsAt = 'tooLarge';
  if (input.approvals !== undefined && typeof input.approvals !== 'boolean') problems.approvals = 'format';
  if (Object.keys(problems).length) throw validationFailed(problems);
  const exists =
    await sql`select 1 from obj_user where id = ${to!} and deleted_at is null and active is not false`.execute(ctx.db);
  if (!exists.rows.length) throw validationFailed({ to: 'notFound' });
  const r = await sql<{
    id: number;
  }>`insert into sys_delegation (from_user, to_user, rights, approvals, starts_at, ends_at, note)
    values (${ctx.actor.userId}, ${to!}, ${JSON.stringify(rights)}, ${input.approvals === true}, ${starts.toISOString()},
      ${ends.toISOString()}, ${typeof input.note === 'string' ? input.note.slice(0, 500) : null}) returning id`.execute(
    ctx.db,
  );
  return { id: r.rows[0].id };
}

/** Delegations the user gave or received, with whether each is in force now. */
export async function listDelegations(ctx: Ctx) {
  const me = subjectOf(ctx.actor);
  const r = await sql<Record<string, any>>`select d.*, f.name as from_name, t.name as to_name,
      (d.revoked_at is null and now() >= d.starts_at and now() < d.ends_at) as active
    from sys_delegation d join obj_user f on f.id = d.from_user join obj_user t on t.id = d.to_user
    where d.from_user = ${me} or d.to_user = ${me} order by d.id desc limit 200`.execute(ctx.db);
  return r.rows.map((d) => ({
    id: d.id,
    from: { id: d.from_user, label: d.from_name },
    to: { id: d.to_user, label: d.to_name },
    rights: d.rights,
    approvals: d.approvals,
    startsAt: d.starts_at,
    endsAt: d.ends_at,
    revokedAt: d.revoked_at,
    active: d.active,
    note: d.note,
  }));
}

export async function revokeDelegation(ctx: Ctx, id: number) {
  const r = await sql`update sys_delegation set revoked_at = now() where id = ${id} and revoked_at is null
    and (from_user = ${ctx.actor.userId} or ${ctx.actor.isAdmin})`.execute(ctx.db);
  if (!r.numAffectedRows) throw new KehuError('NOT_FOUND');
}

/**
 * The actor for "B acting on behalf of A": A's scopes and department, limited to the delegated
 * operations; B stays the actor in history and logs. No delegation in force → FORBIDDEN.
 */
export async function actorOnBehalf(db: Db, delegate: Actor, fromUser: number): Promise<Actor> {
  const r = await sql<{ rights: DelegatedRights; approvals: boolean }>`select rights, approvals from sys_delegation
    where from_user = ${fromUser} and to_user = ${delegate.userId} and revoked_at is null
      and now() >= starts_at and now() < ends_at`.execute(db);
  const principal = r.rows.length ? await loadActor(db, fromUser) : undefined;
  if (!principal) throw new KehuError('FORBIDDEN');
  const grants: Grants = {};
  const rightsOf = new Access(principal, db);
  for (const d of r.rows) {
    for (const [object, ops] of Object.entries(d.rights)) {
      for (const op of ops) {
        const scope = rightsOf.scope(object, op);
        if (scope !== 'none') {
          grants[object] ??= {};
          grants[object][op] = scope;
        }
      }
    }
  }
  return {
    userId: delegate.userId,
    name: delegate.name,
    departmentId: principal.departmentId,
    isAdmin: false,
    grants,
    fieldRights: principal.fieldRights,
    onBehalfOf: fromUser,
    approvals: r.rows.some((d) => d.approvals),
  };
}
