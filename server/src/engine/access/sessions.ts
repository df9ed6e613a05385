import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** A new session with a fresh id (never reusing one the client brought: no fixation). Stored hashed. */
export async function createSession(db: Db, userId: number, policy: SessionPolicy, ip?: string, userAgent?: string) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await sql`insert into sys_session (id, user_id, csrf_token, expires_at, ip, user_agent)
    values (${hash(token)}, ${userId}, ${csrfToken}, now() + make_interval(hours => ${policy.absoluteHours}), ${ip ?? null},
      ${userAgent?.slice(0, 300) ?? null})`.execute(db);
  return { token, csrfToken };
}

/** The live session behind a cookie token, touching its idle timer; expired ones are removed. */
export async function resolveSession(db: Db, token: string, policy: SessionPolicy) {
  const r = await sql<{ user_id: number; csrf_token: string; idle: boolean; expired: boolean; stale: boolean }>`
    select user_id, csrf_token, expires_at < now() as expired,
      last_seen_at < now() - make_interval(mins => ${policy.idleMinutes}) as idle,
      last_seen_at < now() - interval '1 minute' as stale
    from sys_session where id = ${hash(token)}`.execute(db);
  const s = r.rows[0];
  if (!s) return undefined;
  if (s.expired || s.idle) {
    await endSession(db, token);
    return undefined;
  }
  if (s.stale) await sql`update sys_session set last_seen_at = now() where id = ${hash(token)}`.execute(db);
  return { userId: s.user_id, csrfToken: s.csrf_token };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await sql`delete from sys_session where id = ${hash(token)}`.execute(db);
}

/** End every session of a user at once (disabled user, changed password: SEC-7). */
export async function endUserSessions(db: Db, userId: number): Promise<void> {
  await sql`delete from sys_session where user_id = ${userId}`.execute(db);
}

/** Is the session behind a token still there (not signed out, not expired)? Leaves its idle timer alone. */
export async function sessionAlive(db: Db, token: string): Promise<boolean> {
  const r = await sql`select 1 from sys_session where id = ${hash(token)} and expires_at > now()`.execute(db);
  return r.rows.length > 0;
}
