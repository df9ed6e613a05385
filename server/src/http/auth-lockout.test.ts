import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
  for (const username of ['lock1', 'lock2', 'lock3', 'lock4']) await k.user({ username });
});
afterAll(() => k?.close());

const login = (username: string, password: string) => new ApiClient(k.baseUrl).login(username, password);
/** What an attacker sees: status and body (the message is the same translated text). */
const seen = async (username: string, password: string) => {
  const r = await login(username, password);
  return { status: r.status, body: r.body, cookie: r.headers.getSetCookie().length };
};

describe('sign-in protection: brute force and enumeration (SEC-7)', () => {
  // SEC-7a: the lock applies to the address the guesses came from (auth-lock-addresses.test.ts covers the rest).
  test('SEC-7 three consecutive wrong passwords lock the account from that address: even the right password is then refused', async () => {
    for (let i = 0; i < 3; i++) expect((await login('lock1', `wrong-guess-${i}-x`)).status).toBe(401);
    const r = await login('lock1', testPassword);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('LOGIN_FAILED');
    expect(r.headers.getSetCookie()).toEqual([]);
    // Another account is not affected.
    expect((await login('lock2', testPassword)).status).toBe(200);
  });

  test('SEC-7 an unknown user, a wrong password and a locked account answer exactly alike (no enumeration)', async () => {
    const wrong = await seen('lock2', 'not-the-password-1');
    const unknown = await seen('nobody-here', 'not-the-password-1');
    const locked = await seen('lock1', testPassword);
    expect(unknown).toEqual(wrong);
    expect(locked).toEqual(wrong);
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'LOGIN_FAILED' } }, cookie: 0 });
    // Unknown names lock the same way, so "locked" reveals nothing either.
    for (let i = 0; i < 3; i++) await login('ghost-user', `guess-${i}-abcdef`);
    const r = await k.kehu.database.pool.query(
      'select locked_until > now() as locked from sys_login_attempt where username = $1',
      ['ghost-user'],
    );
    expect(r.rows[0].locked).toBe(true);
    expect(await seen('ghost-user', 'another-guess-1')).toEqual(wrong);
  });

  test('SEC-7 the lock lasts KEHU_LOCK_MINUTES (15 by default), then the right password works again', async () => {
    for (let i = 0; i < 3; i++) await login('lock3', `wrong-guess-${i}-x`);
    const r = await k.kehu.database.pool.query(
      `select round(extract(epoch from locked_until - now()) / 60) as minutes from sys_login_attempt where username = 'lock3'`,
    );
    expect(Number(r.rows[0].minutes)).toBe(15);
    expect((await login('lock3', testPassword)).status).toBe(401);
    // Let the lock run out instead of waiting 15 minutes.
    await sql`update sys_login_attempt set locked_until = now() - interval '1 second' where username = 'lock3'`.execute(
      k.kehu.engine.db,
    );
    expect((await login('lock3', testPassword)).status).toBe(200);
  });

  test('SEC-7 a successful sign-in resets the count of consecutive failures; user names are matched case-blind', async () => {
    for (let i = 0; i < 2; i++) await login('lock4', `wrong-guess-${i}-x`);
    expect((await login('lock4', testPassword)).status).toBe(200);
    await login('LOCK4', 'wrong-guess-a-x');
    await login('Lock4', 'wrong-guess-b-x');
    expect((await login('lock4', testPassword)).status).toBe(200);
    for (let i = 0; i < 3; i++) await login(i % 2 ? 'LOCK4' : 'lock4', `wrong-guess-${i}-y`);
    expect((await login('lock4', testPassword)).status).toBe(401);
  });

  test('SEC-7 every failure and the lock are in the login history, with address and user agent', async () => {
    const r = await k.admin.list('loginHistory', {
      filter: { field: 'username', op: 'eq', value: 'lock1' },
      sort: 'id',
      limit: 50,
    });
    const events = r.body.data.map((x: { event: string }) => x.event);
    // Created by k.user() with a first sign-in, then the three wrong passwords.
    expect(events.slice(0, 4)).toEqual(['signIn', 'failure', 'failure', 'locked']);
    expect(r.body.data[1]).toMatchObject({ ip: '127.0.0.1', user: { id: expect.any(Number) } });
    expect(r.body.data[1].userAgent).toBeTruthy();
  });
});

describe('sign-in rate limit (SEC-7)', () => {
  let limited: TestKehu;
  beforeAll(async () => {
    limited = await startKehu({ env: { KEHU_LOGIN_RATE_LIMIT: '5' } });
  });
  afterAll(() => limited?.close());

  test('SEC-7 sign-in attempts from one address are rate limited (429 RATE_LIMITED)', async () => {
    const c = new ApiClient(limited.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await c.login(`someone${i}`, 'guess-guess-1')).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    const r = await c.login('admin', testPassword);
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('RATE_LIMITED');
  });
});
