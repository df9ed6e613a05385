import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { enqueueEvent } from '../events/outbox.ts';
import type { Engine } from '../kernel.ts';
import { type FailureOutcome, type LockPolicy, recordFailure } from './lockout.ts';

/**
 * The event-bus action announcing that an account was locked after failures from many addresses (SEC-7a), on
 * object `user` (record id null when the name is unknown). The engine knows no module: whoever alerts
 * administrators (the notify module) subscribes to it.
 */
export const accountLockedAction = 'accountLocked';

export interface AccountLockedPayload {
  username: string;
  failures: number;
  addresses: number;
  minutes: number;
}

/** Count one failed proof of identity — password, second factor, or a password re-check in a session. */
export async function countFailure(
  engine: Engine,
  policy: LockPolicy,
  a: { username: string; userId?: number; ip?: string },
): Promise<FailureOutcome> {
  const outcome = await recordFailure(engine.db, a.username, a.ip, policy);
  if (outcome.locked === 'account') {
    const payload: AccountLockedPayload = {
      username: a.username.trim().slice(0, 100),
      failures: outcome.failures,
      addresses: outcome.addresses,
      minutes: policy.minutes,
    };
    await enqueueEvent(engine.systemContext(), 'user', a.userId ?? null, accountLockedAction, { ...payload });
    engine.bus.kick();
  }
  return outcome;
}

/** Active users holding an administrator role: the people told about security events. */
export async function administratorIds(db: Db): Promise<number[]> {
  const r = await sql<{ id: string | number }>`select distinct u.id from obj_user u
    join rel_obj_user_roles l on l.a_id = u.id
    join obj_role r on r.id = l.b_id and r.deleted_at is null and r.is_admin = true
    where u.deleted_at is null and u.active is not false order by u.id`.execute(db);
  return r.rows.map((x) => Number(x.id));
}
