import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

const events = (r: { body: { data: Array<{ event: string }> } }) => r.body.data.map((x) => x.event);

describe('login history (SEC-8)', () => {
  test('SEC-8 sign-in, failure and sign-out are recorded with time, address and user agent; users see their own', async () => {
    const { api: qian } = await k.user({ username: 'qian' });
    await k.user({ username: 'feng' });
    await new ApiClient(k.baseUrl).login('qian', 'wrong-password-1');
    const other = new ApiClient(k.baseUrl);
    const ua = { 'user-agent': 'KehuTest/1.0' };
    const r = await other.request('POST', '/api/auth/login', { username: 'qian', password: testPassword }, ua);
    other.csrf = r.body.data.csrfToken;
    expect((await other.request('POST', '/api/auth/logout', {}, ua)).status).toBe(200);

    const mine = await qian.get('/api/auth/login-history');
    expect(mine.status).toBe(200);
    expect(events(mine)).toEqual(['signOut', 'signIn', 'failure', 'signIn']);
    const [signOut, signIn] = mine.body.data;
    expect(signIn).toMatchObject({ ip: '127.0.0.1', userAgent: 'KehuTest/1.0', username: 'qian' });
    expect(signOut.userAgent).toBe('KehuTest/1.0');
    expect(Date.now() - Date.parse(signIn.at)).toBeLessThan(10 * 60_000);
    // Nothing of feng's.
    for (const row of mine.body.data) expect(row.user.id).toBe(mine.body.data[0].user.id);
    const page = await qian.get('/api/auth/login-history?limit=2');
    expect(page.body.data).toHaveLength(2);
    expect(page.body.nextCursor).toBeTruthy();
  });

  test("SEC-8 administrators read everyone's history; starter roles read their own through the records API", async () => {
    const all = await k.admin.list('loginHistory', { limit: 200 });
    const names = new Set(all.body.data.map((x: { username: string }) => x.username));
    expect(names).toEqual(new Set(['admin', 'qian', 'feng']));

    const roles = await k.admin.list('role', { filter: { field: 'name', op: 'eq', value: '销售员' } });
    const u = await k.admin.post('/api/objects/user', {
      username: 'chu',
      name: '褚',
      password: testPassword,
      roles: [roles.body.data[0].id],
    });
    expect(u.status).toBe(201);
    const chu = await k.as('chu');
    const own = await chu.list('loginHistory');
    expect(own.status).toBe(200);
    expect(own.body.data.map((x: { username: string }) => x.username)).toEqual(['chu']);
  });

  test('SEC-8 nobody writes the login history through the API, not even administrators', async () => {
    const r = await k.admin.post('/api/objects/loginHistory', { event: 'signIn', username: 'forged' });
    expect(r.status).toBe(403);
    const first = (await k.admin.list('loginHistory', { limit: 1 })).body.data[0];
    expect((await k.admin.delete(`/api/objects/loginHistory/${first.id}`)).status).toBe(403);
  });
});
