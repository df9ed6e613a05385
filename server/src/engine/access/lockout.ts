import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';

export interface LockPolicy {
  /** Consecutive failures that lock the account. */
  attempts: number;
  minutes: number;
}

const key = (username: string) => username.trim().toLowerCase().slice(0, 100);

/**
 * Is this user name locked? Kept per lower-cased name whether or not the account exists, so that a locked
 * account and an unknown name behave alike (no enumeration, SEC-7).
 */
export async function isLocked(db: Db, username: string): Promise<boolean> {
  const r = await sql<{ locked: boolean }>`select locked_until > now() as locked from sys_login_attempt
    where username = ${key(username)}`.execute(db);
  return r.rows[0]?.locked === true;
}

/** Count one failure; returns true when this failure locked the account. */
export async function recordFailure(db: Db, username: string, policy: LockPolicy): Promise<boolean> {
  // Names tried once and long ago (typos, guessed names) are forgotten, so the table stays small.
  await sql`delete from sys_login_attempt where last_failure_at < now() - interval '1 day'
    and (locked_until is null or locked_until < now())`.execute(db);
  const r = await sql<{ failures: number; locked: boolean }>`
    insert into sys_login_attempt as a (username, failures, last_failure_at) values (${key(username)}, 1, now())
    on conflict (username) do update set
      failures = case when a.locked_until is not null and a.locked_until <= now() then 1 else a.failures + 1 end,
      locked_until = case when a.locked_until is not null and a.locked_until <= now() then null else a.locked_until end,
      last_failure_at = now()
    returning failures, locked_until is not null and locked_until > now() as locked`.execute(db);
  const row = r.rows[0];
  if (row.locked || row.failures < policy.attempts) return false;
  await sql`update sys_login_attempt set locked_until = now() + make_interval(mins => ${policy.minutes})
    where username = ${key(username)}`.execute(db);
  return true;
}

/** A successful sign-in clears the counter. */
export async function clearFailures(db: Db, username: string): Promise<void> {
  await sql`delete from sys_login_attempt where username = ${key(username)}`.execute(db);
}
