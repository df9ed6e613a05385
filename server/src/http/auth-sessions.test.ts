import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

const sessionsOf = async (userId: number) =>
  Number(
    (await k.kehu.database.pool.query('select count(*) from sys_session where user_id = $1', [userId])).rows[0].count,
  );

describe('sessions (SEC-7)', () => {
  test('SEC-7 session fixation: a session id planted before sign-in is never the one after it', async () => {
    await k.user({ username: 'fix1' });
    const c = new ApiClient(k.baseUrl);
    c.cookie = 'kehu_sid=attacker-chosen-session-id';
    expect((await c.login('fix1', testPassword)).status).toBe(200);
    expect(c.cookie).toMatch(/^kehu_sid=/);
    expect(c.cookie).not.toBe('kehu_sid=attacker-chosen-session-id');
    // A real session the attacker knows (e.g. their own, planted on the victim) is replaced and ended at sign-in.
    const planted = c.cookie!;
    expect((await c.login('fix1', testPassword)).status).toBe(200);
    expect(c.cookie).not.toBe(planted);
    const old = new ApiClient(k.baseUrl);
    old.cookie = planted;
    expect((await old.get('/api/auth/me')).status).toBe(401);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    // Only the hash of the id is stored.
    const ids = await k.kehu.database.pool.query('select id from sys_session');
    expect(ids.rows.map((r) => r.id)).not.toContain(c.cookie!.slice('kehu_sid='.length));
  });

  test("SEC-7 a disabled user's old session is refused at once, and all their sessions are gone", async () => {
    const { id, api } = await k.user({ username: 'disabled1', grants: { user: { read: 'all' } } });
    const second = await k.as('disabled1');
    expect((await api.get('/api/objects/user')).status).toBe(200);
    expect(await sessionsOf(id)).toBe(2);
    expect((await k.admin.patch(`/api/objects/user/${id}`, { active: false })).status).toBe(200);
    expect(await sessionsOf(id)).toBe(0);
    for (const c of [api, second]) {
      const r = await c.get('/api/objects/user');
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect((await new ApiClient(k.baseUrl).login('disabled1', testPassword)).status).toBe(401);
  });

  test('SEC-7 disabling through a bulk edit ends sessions too (the rule lives in the records pipeline)', async () => {
    const { id, api } = await k.user({ username: 'disabled2' });
    const r = await k.admin.post('/api/objects/user/bulk-update', { ids: [id], values: { active: false } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await sessionsOf(id)).toBe(0);
    expect((await api.get('/api/auth/me')).status).toBe(401);
  });

  test('SEC-7 an administrator setting a new password ends every session of that user', async () => {
    const { id, api } = await k.user({ username: 'repass1' });
    expect((await k.admin.patch(`/api/objects/user/${id}`, { password: 'Another-Horse-77' })).status).toBe(200);
    expect((await api.get('/api/auth/me')).status).toBe(401);
    expect((await new ApiClient(k.baseUrl).login('repass1', 'Another-Horse-77')).status).toBe(200);
  });

  test("SEC-7 changing one's own password needs the current one, ends all sessions and starts a fresh one here", async () => {
    const { id, api } = await k.user({ username: 'repass2' });
    const elsewhere = await k.as('repass2');
    const wrong = await api.post('/api/auth/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'Brand-New-Lamp-5',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ currentPassword: 'incorrect' });
    const weak = await api.post('/api/auth/password', { currentPassword: testPassword, newPassword: 'password123' });
    expect(weak.body.error.fields).toEqual({ newPassword: 'weakPassword' });
    const before = api.cookie;
    const ok = await api.post('/api/auth/password', { currentPassword: testPassword, newPassword: 'Brand-New-Lamp-5' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(api.cookie).not.toBe(before);
    api.csrf = ok.body.data.csrfToken;
    expect((await api.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect(await sessionsOf(id)).toBe(1);
    expect((await new ApiClient(k.baseUrl).login('repass2', 'Brand-New-Lamp-5')).status).toBe(200);
  });

  test('SEC-7 idle timeout (KEHU_SESSION_IDLE_MINUTES) and absolute timeout (KEHU_SESSION_ABSOLUTE_HOURS)', async () => {
    const { id, api: idle } = await k.user({ username: 'idle1' });
    const fresh = await k.as('idle1');
    // Age one session past the 120-minute idle limit rather than waiting (sessions are stored by hash).
    const hash = createHash('sha256').update(idle.cookie!.slice('kehu_sid='.length)).digest('hex');
    await sql`update sys_session set last_seen_at = now() - interval '121 minutes' where id = ${hash}`.execute(
      k.kehu.engine.db,
    );
    expect((await idle.get('/api/auth/me')).status).toBe(401);
    expect((await fresh.get('/api/auth/me')).status).toBe(200);
    // Absolute limit: however active, a session ends at its expiry.
    await sql`update sys_session set expires_at = now() - interval '1 second', last_seen_at = now()
      where user_id = ${id}`.execute(k.kehu.engine.db);
    expect((await idle.get('/api/auth/me')).status).toBe(401);
    expect((await fresh.get('/api/auth/me')).status).toBe(401);
    expect(await sessionsOf(id)).toBe(0);
  });

  test('SEC-7 sign-out ends the session on the server', async () => {
    const { api } = await k.user({ username: 'out1' });
    const cookie = api.cookie!;
    expect((await api.post('/api/auth/logout')).status).toBe(200);
    const replay = new ApiClient(k.baseUrl);
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });
});
