import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { announceAccessChange } from './access-cache.ts';
import { isSealed, seal, unseal } from './secret-box.ts';
import { matchTotp, newTotpSecret } from './totp.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const recoveryCount = 10;
const challengeMinutes = 5;
const challengeAttempts = 5;

export async function twoFactorEnabled(db: Db, userId: number): Promise<boolean> {
  const r = await sql<{ enabled: boolean }>`select enabled from sys_two_factor where user_id = ${userId}`.execute(db);
  return r.rows[0]?.enabled === true;
}

/** Enrolment step 1: a fresh secret, pending until a code from it is confirmed (SEC-7). */
export async function startEnrolment(db: Db, userId: number): Promise<string> {
  const secret = newTotpSecret();
  await sql`insert into sys_two_factor (user_id, pending_secret) values (${userId}, ${seal(secret)})
    on conflict (user_id) do update set pending_secret = excluded.pending_secret`.execute(db);
  return secret;
}

const recoveryCode = () => {
  const s = randomBytes(8).toString('hex');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
};
const normalRecovery = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '');

/**
 * Enrolment step 2: a code from the pending secret turns two-factor sign-in on. Returns the recovery codes,
 * shown once and stored hashed; undefined when the code is wrong or no enrolment was started.
 */
export async function confirmEnrolment(db: Db, userId: number, code: string): Promise<string[] | undefined> {
  const r = await sql<{ pending_secret: string | null }>`select pending_secret from sys_two_factor
    where user_id = ${userId}`.execute(db);
  const secret = r.rows[0]?.pending_secret;
  if (!secret) return undefined;
  const step = matchTotp(unseal(secret), code, 0);
  if (step === undefined) return undefined;
  const codes = Array.from({ length: recoveryCount }, recoveryCode);
  await db.transaction().execute(async (tx) => {
    await sql`update sys_two_factor set secret = pending_secret, pending_secret = null, enabled = true,
      last_step = ${step}, enabled_at = now() where user_id = ${userId}`.execute(tx);
    await sql`delete from sys_recovery_code where user_id = ${userId}`.execute(tx);
    for (const c of codes) {
      await sql`insert into sys_recovery_code (user_id, hash) values (${userId}, ${sha256(normalRecovery(c))})`.execute(
        tx,
      );
    }
  });
  await announceAccessChange(db);
  return codes;
}

export async function disableTwoFactor(db: Db, userId: number): Promise<void> {
  await sql`delete from sys_two_factor where user_id = ${userId}`.execute(db);
  await announceAccessChange(db);
  await sql`delete from sys_recovery_code where user_id = ${userId}`.execute(db);
}

/** Check a TOTP code (each time step usable once) or an unused recovery code (each usable once). */
export async function verifySecondFactor(
  db: Db,
  userId: number,
  proof: { code?: string; recoveryCode?: string },
): Promise<boolean> {
  if (proof.recoveryCode) {
    const r = await sql`update sys_recovery_code set used_at = now()
      where user_id = ${userId} and hash = ${sha256(normalRecovery(proof.recoveryCode))} and used_at is null`.execute(
      db,
    );
    return Number(r.numAffectedRows ?? 0) === 1;
  }
  const r = await sql<{ secret: string; last_step: string }>`select secret, last_step from sys_two_factor
    where user_id = ${userId} and enabled`.execute(db);
  const row = r.rows[0];
  if (!row || !proof.code) return false;
  const step = matchTotp(unseal(row.secret), proof.code, Number(row.last_step));
  if (step === undefined) return false;
  // Conditional update: of two requests racing with the same code, only one wins.
  const u = await sql`update sys_two_factor set last_step = ${step} where user_id = ${userId}
    and last_step < ${step}`.execute(db);
  return Number(u.numAffectedRows ?? 0) === 1;
}

/** The token between a correct password and the second factor: short-lived, single use, stored hashed. */
export async function createChallenge(db: Db, userId: number, ip?: string, userAgent?: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await sql`delete from sys_login_challenge where expires_at < now()`.execute(db);
  await sql`insert into sys_login_challenge (id, user_id, expires_at, ip, user_agent)
    values (${sha256(token)}, ${userId}, now() + make_interval(mins => ${challengeMinutes}), ${ip ?? null},
      ${userAgent?.slice(0, 300) ?? null})`.execute(db);
  return token;
}

/** The user a live challenge belongs to, counting this attempt; used-up or expired challenges are gone. */
export async function useChallenge(db: Db, token: string): Promise<number | undefined> {
  const r = await sql<{ user_id: string }>`update sys_login_challenge set attempts = attempts + 1
    where id = ${sha256(token)} and expires_at > now() and attempts < ${challengeAttempts}
    returning user_id`.execute(db);
  return r.rows[0] ? Number(r.rows[0].user_id) : undefined;
}

export async function endChallenge(db: Db, token: string): Promise<void> {
  await sql`delete from sys_login_challenge where id = ${sha256(token)}`.execute(db);
}

/** Seeds written before sealing existed are sealed on start (idempotent). */
export async function sealStoredSecrets(db: Db): Promise<void> {
  const r = await sql<{ user_id: number; secret: string | null; pending_secret: string | null }>`select user_id,
    secret, pending_secret from sys_two_factor`.execute(db);
  for (const row of r.rows) {
    const s = row.secret && !isSealed(row.secret) ? seal(row.secret) : row.secret;
    const p = row.pending_secret && !isSealed(row.pending_secret) ? seal(row.pending_secret) : row.pending_secret;
    if (s !== row.secret || p !== row.pending_secret)
      await sql`update sys_two_factor set secret = ${s}, pending_secret = ${p} where user_id = ${row.user_id}`.execute(
        db,
      );
  }
}
