import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

const count = async () =>
  Number(
    (await k.kehu.database.pool.query(`select count(*) from obj_department where name like 'csrf-%'`)).rows[0].count,
  );

describe('CSRF (SEC-13)', () => {
  test('SEC-13 a cookie-authenticated write without the CSRF token, or with a wrong one, is refused and writes nothing', async () => {
    const forged = new ApiClient(k.baseUrl);
    forged.cookie = k.admin.cookie; // what a cross-site form post carries: the cookie, not the token
    const none = await forged.post('/api/objects/department', { name: 'csrf-none' });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('CSRF_FAILED');
    forged.csrf = 'guessed-token';
    const wrong = await forged.post('/api/objects/department', { name: 'csrf-wrong' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('CSRF_FAILED');
    const del = await forged.delete('/api/objects/department/1');
    expect(del.status).toBe(403);
    expect(await count()).toBe(0);
    expect((await k.admin.get('/api/objects/department/1')).status).toBe(200);
    // Reads need no token; the real client's writes go through.
    forged.csrf = undefined;
    expect((await forged.get('/api/objects/department')).status).toBe(200);
    expect((await k.admin.post('/api/objects/department', { name: 'csrf-ok' })).status).toBe(201);
    expect(await count()).toBe(1);
  });

  test('SEC-13 the session cookie is HttpOnly and SameSite', async () => {
    const c = new ApiClient(k.baseUrl);
    const r = await c.post('/api/auth/login', { username: 'admin', password: 'Correct-Horse-42' });
    const cookie = r.headers.getSetCookie().find((x) => x.startsWith('kehu_sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});
