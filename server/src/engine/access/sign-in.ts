import { sql } from 'kysely';
import { KehuError } from '../errors.ts';
import type { Engine } from '../kernel.ts';
import { createRecord } from '../records/save.ts';
import { countFailure } from './account-lock.ts';
import { ipPermitted, signInPolicy } from './ip-allow.ts';
import { type LdapSettings, type LdapUser, ldapAuthenticate } from './ldap.ts';
import { clearFailures, isLocked, type LockPolicy } from './lockout.ts';
import { recordLoginEvent } from './login-history.ts';
import { verifyPassword } from './password.ts';
import { createChallenge, endChallenge, useChallenge, verifySecondFactor } from './two-factor.ts';

export interface SignInSettings {
  lock: LockPolicy;
  ldap?: LdapSettings & { defaultRole?: string };
}

export interface Attempt {
  username: string;
  password: string;
  ip: string;
  userAgent?: string;
}

/** Either a signed-in user, or a second factor still to give. */
export type SignInResult = { userId: number; challenge?: undefined } | { userId?: undefined; challenge: string };

interface UserRow {
  id: number;
  username: string;
  password: string | null;
  active: boolean | null;
  auth_source: string | null;
}

async function findUser(engine: Engine, username: string): Promise<UserRow | undefined> {
  const r = await sql<UserRow>`select id, username, password, active, auth_source from obj_user
    where lower(username) = lower(${username}) and deleted_at is null`.execute(engine.db);
  return r.rows[0];
}

/** First LDAP sign-in of someone the directory knows: an account in the configured default role. */
async function createLdapUser(engine: Engine, username: string, role: string, who: LdapUser) {
  const r = await sql<{ id: number }>`select id from obj_role where name = ${role} and deleted_at is null`.execute(
    engine.db,
  );
  if (!r.rows[0]) return undefined;
  const email = who.email && /^[^\s@]+@[^\s@]+$/.test(who.email) ? who.email : undefined;
  const rec = await createRecord(
    engine.systemContext(),
    'user',
    { username, name: who.name.slice(0, 100), email, authSource: 'ldap', roles: [r.rows[0].id], active: true },
    { internal: true },
  );
  return findUser(engine, String(rec.username));
}

/** Password (or directory) check. Always pays for one slow hash for local accounts, known or not. */
async function checkCredentials(engine: Engine, s: SignInSettings, a: Attempt, locked: boolean) {
  let user = await findUser(engine, a.username);
  if (s.ldap && user?.auth_source === 'ldap') {
    const ok = !locked && (await ldapAuthenticate(s.ldap, a.username, a.password)) !== undefined;
    return { user, ok };
  }
  if (s.ldap?.defaultRole && !user && !locked) {
    const who = await ldapAuthenticate(s.ldap, a.username, a.password);
    if (who) user = await createLdapUser(engine, a.username, s.ldap.defaultRole, who);
    if (user) return { user, ok: true };
  }
  const ok = await verifyPassword(a.password, user?.auth_source === 'ldap' ? null : user?.password);
  return { user, ok };
}

/**
 * Sign-in, step 1 (SEC-7, SEC-8, SEC-9). Unknown user, wrong password, disabled or locked account and a refused
 * address all answer the same LOGIN_FAILED; the login history tells administrators which it was.
 */
export async function signIn(engine: Engine, s: SignInSettings, a: Attempt): Promise<SignInResult> {
  const db = engine.db;
  const username = a.username.trim().slice(0, 100);
  const event = { username, ip: a.ip, userAgent: a.userAgent };
  const locked = username ? await isLocked(db, username, a.ip) : false;
  const { user, ok } = await checkCredentials(engine, s, { ...a, username }, locked);
  if (locked) {
    await recordLoginEvent(db, { ...event, event: 'locked', userId: user?.id });
    throw new KehuError('LOGIN_FAILED');
  }
  if (!user || !ok || user.active === false || !username) {
    const counted = username ? await countFailure(engine, s.lock, { username, userId: user?.id, ip: a.ip }) : undefined;
    await recordLoginEvent(db, { ...event, event: counted?.locked ? 'locked' : 'failure', userId: user?.id });
    throw new KehuError('LOGIN_FAILED');
  }
  const policy = await signInPolicy(db, user.id);
  if (!ipPermitted(policy, a.ip)) {
    await recordLoginEvent(db, { ...event, event: 'ipRefused', userId: user.id });
    throw new KehuError('LOGIN_FAILED');
  }
  // The failure counter is only cleared once every factor is given.
  if (policy.twoFactorEnabled) return { challenge: await createChallenge(db, user.id, a.ip, a.userAgent) };
  await clearFailures(db, username, a.ip);
  await recordLoginEvent(db, { ...event, event: 'signIn', userId: user.id });
  return { userId: user.id };
}

/**
 * Sign-in, step 2: the TOTP code or a recovery code for a challenge. Wrong codes count as sign-in failures, so
 * three lock the account like wrong passwords do; a challenge allows a few attempts and then is gone.
 */
export async function completeSignIn(
  engine: Engine,
  s: SignInSettings,
  a: { challenge: string; code?: string; recoveryCode?: string; ip: string; userAgent?: string },
): Promise<number> {
  const db = engine.db;
  const userId = await useChallenge(db, a.challenge);
  if (userId === undefined) throw new KehuError('TWO_FACTOR_FAILED');
  const r = await sql<{ username: string }>`select username from obj_user where id = ${userId}`.execute(db);
  const username = r.rows[0]?.username ?? '';
  const event = { username, ip: a.ip, userAgent: a.userAgent, userId };
  if (await isLocked(db, username, a.ip)) {
    await endChallenge(db, a.challenge);
    await recordLoginEvent(db, { ...event, event: 'locked' });
    throw new KehuError('TWO_FACTOR_FAILED');
  }
  const ok = await verifySecondFactor(db, userId, { code: a.code, recoveryCode: a.recoveryCode });
  if (!ok) {
    const { locked } = await countFailure(engine, s.lock, { username, userId, ip: a.ip });
    if (locked) await endChallenge(db, a.challenge);
    await recordLoginEvent(db, { ...event, event: locked ? 'locked' : 'twoFactorFailure' });
    throw new KehuError('TWO_FACTOR_FAILED');
  }
  await endChallenge(db, a.challenge);
  const policy = await signInPolicy(db, userId);
  if (!ipPermitted(policy, a.ip)) {
    await recordLoginEvent(db, { ...event, event: 'ipRefused' });
    throw new KehuError('TWO_FACTOR_FAILED');
  }
  await clearFailures(db, username, a.ip);
  await recordLoginEvent(db, { ...event, event: 'signIn' });
  return userId;
}

/** The answer to a password re-check: right, wrong, or not checked at all because sign-in is locked. */
export type PasswordCheck = 'ok' | 'wrong' | 'locked';

/**
 * Re-check a signed-in user's password before a sensitive change (SEC-7). It is a sign-in attempt like any
 * other: a wrong password counts towards the same lock, and while the account is locked for the caller's
 * address (or everywhere) the password is not even compared, so guessing from a session learns nothing.
 */
export async function confirmPassword(
  engine: Engine,
  s: SignInSettings,
  userId: number,
  password: string,
  from: { ip?: string; userAgent?: string },
): Promise<PasswordCheck> {
  const r = await sql<UserRow>`select id, username, password, active, auth_source from obj_user
    where id = ${userId}`.execute(engine.db);
  const user = r.rows[0];
  if (!user) return 'wrong';
  const event = { username: user.username, userId, ip: from.ip, userAgent: from.userAgent };
  if (await isLocked(engine.db, user.username, from.ip)) {
    await recordLoginEvent(engine.db, { ...event, event: 'locked' });
    return 'locked';
  }
  const ok =
    s.ldap && user.auth_source === 'ldap'
      ? (await ldapAuthenticate(s.ldap, user.username, password)) !== undefined
      : await verifyPassword(password, user.auth_source === 'ldap' ? null : user.password);
  if (ok) {
    await clearFailures(engine.db, user.username, from.ip);
    return 'ok';
  }
  const { locked } = await countFailure(engine, s.lock, { username: user.username, userId, ip: from.ip });
  await recordLoginEvent(engine.db, { ...event, event: locked ? 'locked' : 'failure' });
  return 'wrong';
}
