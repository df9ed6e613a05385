import { isIP } from 'node:net';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';

export interface LockPolicy {
  /** Consecutive failures for one user name from one address that refuse that address (SEC-7). */
  attempts: number;
  /** How long an address, or the whole account, stays refused. */
  minutes: number;
  /**
   * The account itself locks only after this many consecutive failures, from at least `addresses` distinct
   * addresses (SEC-7a): knowing a user name is not enough to lock its owner out.
   */
  accountFailures: number;
  addresses: number;
}

/** What one failure did: nothing yet, refused its address, or locked the account (administrators are told). */
export interface FailureOutcome {
  locked: false | 'address' | 'account';
  /** Consecutive failures of the account, and the distinct addresses they came from. */
  failures: number;
  addresses: number;
}

const key = (username: string) => username.trim().toLowerCase().slice(0, 100);

/**
 * The address a failure is counted against: IPv4 as is, IPv6 by its /64 (one client usually holds a whole /64,
 * so counting single IPv6 addresses would let it dodge the per-address lock).
 */
export function addressKey(ip: string | undefined): string {
  let a = (ip ?? '').trim().toLowerCase().split('%')[0];
  if (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4) a = a.slice(7);
  if (isIP(a) !== 6) return a.slice(0, 64);
  const [head, tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Is this user name refused from this address — locked for the address, or the account locked as a whole?
 * Kept per lower-cased name whether or not the account exists, so that a locked account and an unknown name
 * behave alike (no enumeration, SEC-7).
 */
export async function isLocked(db: Db, username: string, ip: string | undefined): Promise<boolean> {
  const k = key(username);
  const r = await sql<{ locked: boolean }>`select
      exists (select 1 from sys_login_attempt where username = ${k} and ip = ${addressKey(ip)} and locked_until > now())
      or exists (select 1 from sys_login_account where username = ${k} and locked_until > now()) as locked`.execute(db);
  return r.rows[0]?.locked === true;
}

/** Count one failure of `username` from `ip`, for the address and for the account. */
export async function recordFailure(
  db: Db,
  username: string,
  ip: string | undefined,
  policy: LockPolicy,
): Promise<FailureOutcome> {
  const k = key(username);
  const address = addressKey(ip);
  // Names tried long ago (typos, guessed names) are forgotten, so the tables stay small.
  await sql`delete from sys_login_attempt where last_failure_at < now() - interval '1 day'
    and (locked_until is null or locked_until < now())`.execute(db);
  await sql`delete from sys_login_account where last_failure_at < now() - interval '1 day'
    and (locked_until is null or locked_until < now())`.execute(db);
  // The account's run of failures first: its `since` bounds which addresses take part in it.
  const acct = await sql<{ failures: number }>`
    insert into sys_login_account as a (username, failures, since, last_failure_at) values (${k}, 1, now(), now())
    on conflict (username) do update set
      failures = case when a.locked_until is not null and a.locked_until <= now() then 1 else a.failures + 1 end,
      since = case when a.locked_until is not null and a.locked_until <= now() then now() else a.since end,
      locked_until = case when a.locked_until is not null and a.locked_until <= now() then null else a.locked_until end,
      last_failure_at = now()
    returning failures`.execute(db);
  const addr = await sql<{ failures: number; locked: boolean }>`
    insert into sys_login_attempt as a (username, ip, failures, last_failure_at) values (${k}, ${address}, 1, now())
    on conflict (username, ip) do update set
      failures = case when a.locked_until is not null and a.locked_until <= now() then 1 else a.failures + 1 end,
      locked_until = case when a.locked_until is not null and a.locked_until <= now() then null else a.locked_until end,
      last_failure_at = now()
    returning failures, locked_until is not null and locked_until > now() as locked`.execute(db);
  const failures = acct.rows[0].failures;
  const seen = await sql<{ n: number }>`select count(*)::int as n from sys_login_attempt
    where username = ${k} and last_failure_at >= (select since from sys_login_account where username = ${k})`.execute(
    db,
  );
  const addresses = seen.rows[0].n;
  if (failures >= policy.accountFailures && addresses >= policy.addresses) {
    // Only the failure that sets the lock reports it, even when several processes count at once.
    const won = await sql`update sys_login_account set locked_until = now() + make_interval(mins => ${policy.minutes})
      where username = ${k} and (locked_until is null or locked_until <= now()) returning 1`.execute(db);
    if (won.rows.length) return { locked: 'account', failures, addresses };
  }
  const row = addr.rows[0];
  if (row.locked || row.failures < policy.attempts) return { locked: false, failures, addresses };
  await sql`update sys_login_attempt set locked_until = now() + make_interval(mins => ${policy.minutes})
    where username = ${k} and ip = ${address}`.execute(db);
  return { locked: 'address', failures, addresses };
}

/**
 * A successful sign-in ends the account's run of failures and clears its own address. Other addresses stay
 * refused until their lock runs out: the owner signing in does not unlock an attacker.
 */
export async function clearFailures(db: Db, username: string, ip: string | undefined): Promise<void> {
  const k = key(username);
  await sql`delete from sys_login_attempt where username = ${k} and ip = ${addressKey(ip)}`.execute(db);
  await sql`delete from sys_login_account where username = ${k}`.execute(db);
}
