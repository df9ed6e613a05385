import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';

/** Issue 12, finding 7: guessing a password from inside a session (password change, turning two-factor off). */
let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

const changePassword = (api: ApiClient, currentPassword: string) =>
  api.post('/api/auth/password', { currentPassword, newPassword: 'Brand-New-Horse-77' });
const disableTwoFactor = (api: ApiClient, password: string) => api.post('/api/auth/2fa/disable', { password });
const login = (username: string, password = testPassword) => new ApiClient(k.baseUrl).login(username, password);

const failuresOf = async (username: string) => {
  const r = await k.kehu.database.pool.query(
    'select failures, locked_until > now() as locked from sys_login_attempt where username = $1',
    [username],
  );
  return r.rows[0] ?? { failures: 0, locked: false };
};
const lastLoginEvents = async (username: string, n: number) => {
  const r = await k.admin.list('loginHistory', {
    filter: { field: 'username', op: 'eq', value: username },
    sort: '-id',
    limit: n,
  });
  return r.body.data.map((x: { event: string }) => x.event).reverse();
};
/** What a guesser sees: status and body. */
const seen = (r: { status: number; body: unknown }) => ({ status: r.status, body: r.body });

describe('password guessing from a session (SEC-7)', () => {
  test('SEC-7 each wrong currentPassword of POST /api/auth/password is a failed sign-in; once locked the password is not even checked', async () => {
    const { api } = await k.user({ username: 'guess1' });
    for (let i = 0; i < 3; i++) {
      const r = await changePassword(api, `wrong-guess-${i}-abc`);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { currentPassword: 'incorrect' } });
    }
    expect(await failuresOf('guess1')).toEqual({ failures: 3, locked: true });
    // Locked: the right password and a wrong one get the same answer as a locked sign-in, and count nothing.
    const right = await changePassword(api, testPassword);
    const wrong = await changePassword(api, 'wrong-guess-x-abc');
    expect(seen(right)).toEqual(seen(wrong));
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('LOGIN_FAILED');
    expect((await login('guess1', 'wrong-guess-y-abc')).body).toEqual(right.body);
    expect(await failuresOf('guess1')).toEqual({ failures: 3, locked: true });
    // Signing in from this address is refused too (same counter), and the password was not changed.
    expect((await login('guess1')).status).toBe(401);
    expect((await login('guess1', 'Brand-New-Horse-77')).status).toBe(401);
    // Three checks (the third locks), two refused checks, three refused sign-ins.
    expect(await lastLoginEvents('guess1', 8)).toEqual(['failure', 'failure', ...Array(6).fill('locked')]);
    // The session itself goes on: the user is only kept from guessing.
    expect((await api.get('/api/auth/me')).status).toBe(200);
  });

  test('SEC-7 POST /api/auth/2fa/disable: wrong passwords count towards the same lock as sign-in and password change', async () => {
    const { api } = await k.user({ username: 'guess2' });
    expect((await login('guess2', 'wrong-at-sign-in-1')).status).toBe(401);
    expect((await changePassword(api, 'wrong-guess-0-abc')).status).toBe(400);
    const third = await disableTwoFactor(api, 'wrong-guess-1-abc');
    expect(third.status).toBe(400);
    expect(third.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { password: 'incorrect' } });
    expect(await failuresOf('guess2')).toEqual({ failures: 3, locked: true });
    const right = await disableTwoFactor(api, testPassword);
    expect(seen(right)).toEqual(seen(await disableTwoFactor(api, 'wrong-guess-2-abc')));
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('LOGIN_FAILED');
    expect(await failuresOf('guess2')).toEqual({ failures: 3, locked: true });
  });

  test('SEC-7 the right current password resets the count, like a successful sign-in', async () => {
    const { api } = await k.user({ username: 'guess3' });
    for (let i = 0; i < 2; i++) await disableTwoFactor(api, `wrong-guess-${i}-abc`);
    expect((await disableTwoFactor(api, testPassword)).status).toBe(200);
    expect(await failuresOf('guess3')).toEqual({ failures: 0, locked: false });
    expect((await login('guess3', 'wrong-at-sign-in-2')).status).toBe(401);
    expect((await login('guess3')).status).toBe(200);
  });
});

describe('rate limits of password checks (SEC-7)', () => {
  let limited: TestKehu;
  beforeAll(async () => {
    // Four checks a minute; the lock is set out of reach so that only the rate limit answers.
    limited = await startKehu({
      env: {
        KEHU_LOGIN_RATE_LIMIT: '4',
        KEHU_TRUST_PROXY: '127.0.0.1',
        KEHU_LOCK_ATTEMPTS: '1000',
        KEHU_LOCK_ACCOUNT_FAILURES: '1000',
      },
    });
  });
  afterAll(() => limited?.close());

  const from = (api: ApiClient, path: string, address: string) =>
    api.request(
      'POST',
      path,
      { currentPassword: 'wrong-guess-abc', newPassword: 'Brand-New-Horse-77', password: 'wrong-guess-abc' },
      {
        'x-forwarded-for': address,
      },
    );

  test('SEC-7 one user is limited however many addresses they use (429 RATE_LIMITED)', async () => {
    const { api } = await limited.user({ username: 'rate1' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await from(api, i % 2 ? '/api/auth/password' : '/api/auth/2fa/disable', `198.51.100.${i + 1}`)).status,
      );
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    const r = await from(api, '/api/auth/password', '198.51.100.99');
    expect(r.body.error.code).toBe('RATE_LIMITED');
  });

  test('SEC-7 one address is limited however many sessions it uses', async () => {
    const a = (await limited.user({ username: 'rate2' })).api;
    const b = await limited.as('admin');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await from(i < 3 ? a : b, '/api/auth/password', '203.0.113.50')).status);
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});
