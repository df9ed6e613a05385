import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';
import { totpCode } from '../engine/access/totp.ts';

let k: TestKehu;
const secrets: Record<string, string> = {};
const recovery: Record<string, string[]> = {};

/** A code for a later time step: the step of `now` was used by the previous sign-in and cannot be replayed. */
const code = (username: string, stepsAhead = 0) => totpCode(secrets[username], Date.now() + stepsAhead * 30_000);
/** Forget which step was used last, instead of waiting 30 seconds for the next one. */
const allowStepAgain = (username: string) =>
  k.kehu.database.pool.query(
    'update sys_two_factor set last_step = 0 where user_id = (select id from obj_user where username = $1)',
    [username],
  );

async function enrol(api: ApiClient, username: string) {
  const setup = await api.post('/api/auth/2fa/setup');
  expect(setup.status, JSON.stringify(setup.body)).toBe(200);
  secrets[username] = setup.body.data.secret;
  const enabled = await api.post('/api/auth/2fa/enable', { code: code(username) });
  expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
  recovery[username] = enabled.body.data.recoveryCodes;
}

async function passwordStep(username: string) {
  const c = new ApiClient(k.baseUrl);
  const r = await c.post('/api/auth/login', { username, password: testPassword });
  return { c, r };
}

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

describe('two-factor sign-in (SEC-7)', () => {
  test('SEC-7 enrolment: secret and QR code (stored sealed), a wrong code refused, the right one gives 10 recovery codes once', async () => {
    const { api } = await k.user({ username: 'wang2fa' });
    const setup = await api.post('/api/auth/2fa/setup');
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl, qr } = setup.body.data;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toBe(
      `otpauth://totp/Kehu:wang2fa?secret=${secret}&issuer=Kehu&algorithm=SHA1&digits=6&period=30`,
    );
    expect(qr).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
    const wrong = await api.post('/api/auth/2fa/enable', { code: totpCode(secret, Date.now() + 300_000) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ code: 'incorrect' });
    expect((await api.get('/api/auth/me')).body.data.twoFactor).toEqual({ enabled: false, required: false });
    secrets.wang2fa = secret;
    const ok = await api.post('/api/auth/2fa/enable', { code: code('wang2fa') });
    expect(ok.status).toBe(200);
    recovery.wang2fa = ok.body.data.recoveryCodes;
    expect(recovery.wang2fa).toHaveLength(10);
    expect(new Set(recovery.wang2fa).size).toBe(10);
    expect((await api.get('/api/auth/me')).body.data.twoFactor).toEqual({ enabled: true, required: false });
    // The seed is stored sealed (AES-GCM with the data directory's key), never in clear.
    const stored = await k.kehu.database.pool.query(
      'select secret from sys_two_factor where user_id = (select id from obj_user where username = $1)',
      ['wang2fa'],
    );
    expect(stored.rows[0].secret).toMatch(/^v1:/);
    expect(stored.rows[0].secret).not.toContain(secret);
    // Stored hashed only.
    const rows = await k.kehu.database.pool.query('select hash from sys_recovery_code');
    for (const c of recovery.wang2fa) expect(rows.rows.map((x) => x.hash)).not.toContain(c);
  });

  test('SEC-7 with two-factor on, the password alone gives a challenge and no session', async () => {
    const { c, r } = await passwordStep('wang2fa');
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
    expect(r.headers.getSetCookie()).toEqual([]);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const bad = await c.post('/api/auth/login/2fa', { challenge: r.body.data.challenge, code: '000000' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('TWO_FACTOR_FAILED');
    const good = await c.post('/api/auth/login/2fa', { challenge: r.body.data.challenge, code: code('wang2fa', 1) });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    c.csrf = good.body.data.csrfToken;
    expect((await c.get('/api/auth/me')).body.data.user.username).toBe('wang2fa');
    // The challenge was single use.
    const again = await new ApiClient(k.baseUrl).post('/api/auth/login/2fa', {
      challenge: r.body.data.challenge,
      code: code('wang2fa', 1),
    });
    expect(again.status).toBe(401);
  });

  test('SEC-7 a TOTP code cannot be replayed', async () => {
    await allowStepAgain('wang2fa');
    const first = await passwordStep('wang2fa');
    const used = code('wang2fa');
    expect(
      (await first.c.post('/api/auth/login/2fa', { challenge: first.r.body.data.challenge, code: used })).status,
    ).toBe(200);
    const second = await passwordStep('wang2fa');
    const replay = await second.c.post('/api/auth/login/2fa', { challenge: second.r.body.data.challenge, code: used });
    expect(replay.status).toBe(401);
  });

  test('SEC-7 each recovery code signs in once', async () => {
    const [rc] = recovery.wang2fa;
    const a = await passwordStep('wang2fa');
    const ok = await a.c.post('/api/auth/login/2fa', {
      challenge: a.r.body.data.challenge,
      recoveryCode: rc.toUpperCase(),
    });
    expect(ok.status).toBe(200);
    const b = await passwordStep('wang2fa');
    expect(
      (await b.c.post('/api/auth/login/2fa', { challenge: b.r.body.data.challenge, recoveryCode: rc })).status,
    ).toBe(401);
    expect(
      (await b.c.post('/api/auth/login/2fa', { challenge: b.r.body.data.challenge, recoveryCode: recovery.wang2fa[1] }))
        .status,
    ).toBe(200);
  });

  test('SEC-7 three wrong codes lock the account like wrong passwords; the login history says so', async () => {
    const { api } = await k.user({ username: 'li2fa' });
    await enrol(api, 'li2fa');
    const { c, r } = await passwordStep('li2fa');
    for (const guess of ['111111', '222222', '333333']) {
      expect((await c.post('/api/auth/login/2fa', { challenge: r.body.data.challenge, code: guess })).status).toBe(401);
    }
    const locked = await new ApiClient(k.baseUrl).login('li2fa', testPassword);
    expect(locked.status).toBe(401);
    expect(locked.body.error.code).toBe('LOGIN_FAILED');
    const h = await k.admin.list('loginHistory', {
      filter: { field: 'username', op: 'eq', value: 'li2fa' },
      sort: 'id',
    });
    expect(h.body.data.map((x: { event: string }) => x.event)).toEqual([
      'signIn',
      'twoFactorFailure',
      'twoFactorFailure',
      'locked',
      'locked',
    ]);
  });

  test('SEC-7 a role can require two-factor: until enrolled, every API call but enrolment answers TWO_FACTOR_REQUIRED', async () => {
    const { api, id } = await k.user({ username: 'zhao2fa', grants: { user: { read: 'all' } } });
    const roleId = (await k.admin.get(`/api/objects/user/${id}`)).body.data.roles[0].id;
    expect((await k.admin.patch(`/api/objects/role/${roleId}`, { requireTwoFactor: true })).status).toBe(200);
    const blocked = await api.get('/api/objects/user');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('TWO_FACTOR_REQUIRED');
    const me = await api.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.data.twoFactor).toEqual({ enabled: false, required: true });
    await enrol(api, 'zhao2fa');
    expect((await api.get('/api/objects/user')).status).toBe(200);
    // Required by the role: it cannot be switched off.
    const off = await api.post('/api/auth/2fa/disable', { password: testPassword });
    expect(off.body.error.code).toBe('TWO_FACTOR_REQUIRED');
  });

  test('SEC-7 the user turns two-factor off with their password; an administrator can reset it', async () => {
    const { api } = await k.user({ username: 'sun2fa' });
    await enrol(api, 'sun2fa');
    expect((await api.post('/api/auth/2fa/disable', { password: 'not-my-password' })).body.error.fields).toEqual({
      password: 'incorrect',
    });
    expect((await api.post('/api/auth/2fa/disable', { password: testPassword })).status).toBe(200);
    expect((await new ApiClient(k.baseUrl).login('sun2fa', testPassword)).body.data.csrfToken).toBeTruthy();

    const lost = await k.user({ username: 'zhou2fa' });
    await enrol(lost.api, 'zhou2fa');
    expect((await lost.api.post(`/api/auth/2fa/reset/${lost.id}`)).status).toBe(403);
    expect((await k.admin.post(`/api/auth/2fa/reset/${lost.id}`)).status).toBe(200);
    expect((await new ApiClient(k.baseUrl).login('zhou2fa', testPassword)).body.data.csrfToken).toBeTruthy();
  });
});
