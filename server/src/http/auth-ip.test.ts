import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';

// Documentation address ranges (RFC 5737): they only ever appear in headers here, no traffic goes to them.
const office = '203.0.113.0/24';
const officeClient = '203.0.113.9';

let k: TestKehu;
let proxied: TestKehu;

const loginFrom = (base: string, username: string, forwardedFor?: string) =>
  new ApiClient(base).request(
    'POST',
    '/api/auth/login',
    { username, password: testPassword },
    forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  );

const roleOf = async (t: TestKehu, userId: number) =>
  (await t.admin.get(`/api/objects/user/${userId}`)).body.data.roles[0].id;

beforeAll(async () => {
  k = await startKehu();
  // Behind a reverse proxy at 127.0.0.1: only then is X-Forwarded-For believed.
  proxied = await startKehu({ env: { KEHU_TRUST_PROXY: '127.0.0.1' } });
});
afterAll(async () => {
  await k?.close();
  await proxied?.close();
});

describe('IP allow-lists (SEC-7)', () => {
  test('SEC-7 a user limited to the office range cannot sign in from elsewhere; it is logged as ipRefused', async () => {
    const { id } = await k.user({ username: 'ip1' });
    expect((await k.admin.patch(`/api/objects/user/${id}`, { allowedIps: office })).status).toBe(200);
    const r = await loginFrom(k.baseUrl, 'ip1');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('LOGIN_FAILED');
    const h = await k.admin.list('loginHistory', {
      filter: { field: 'user', op: 'eq', value: id },
      sort: '-id',
      limit: 1,
    });
    expect(h.body.data[0]).toMatchObject({ event: 'ipRefused', ip: '127.0.0.1' });
  });

  test("SEC-7 role lists apply when the user has none; the user's own list overrides them", async () => {
    const { id } = await k.user({ username: 'ip2' });
    const role = await roleOf(k, id);
    expect((await k.admin.patch(`/api/objects/role/${role}`, { allowedIps: `${office}\n2001:db8::/32` })).status).toBe(
      200,
    );
    expect((await loginFrom(k.baseUrl, 'ip2')).status).toBe(401);
    expect((await k.admin.patch(`/api/objects/user/${id}`, { allowedIps: '127.0.0.0/8, ::1' })).status).toBe(200);
    expect((await loginFrom(k.baseUrl, 'ip2')).status).toBe(200);
  });

  test('SEC-7 the list is checked on every request: a narrowed list ends access for a signed-in user', async () => {
    const { id, api } = await k.user({ username: 'ip3' });
    expect((await api.get('/api/auth/me')).status).toBe(200);
    expect((await k.admin.patch(`/api/objects/user/${id}`, { allowedIps: office })).status).toBe(200);
    expect((await api.get('/api/auth/me')).status).toBe(401);
  });

  test('SEC-7 malformed entries are refused when saved', async () => {
    const { id } = await k.user({ username: 'ip4' });
    const r = await k.admin.patch(`/api/objects/user/${id}`, { allowedIps: '10.0.0.0/8\nexample.com' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual({ allowedIps: 'format' });
  });

  test('SEC-7 X-Forwarded-For from an untrusted client is ignored; from the trusted proxy it is the client address', async () => {
    // Without KEHU_TRUST_PROXY a spoofed header does not get round the list.
    expect((await loginFrom(k.baseUrl, 'ip1', officeClient)).status).toBe(401);
    const { id } = await proxied.user({ username: 'ip5' });
    expect((await proxied.admin.patch(`/api/objects/user/${id}`, { allowedIps: office })).status).toBe(200);
    expect((await loginFrom(proxied.baseUrl, 'ip5')).status).toBe(401);
    expect((await loginFrom(proxied.baseUrl, 'ip5', '198.51.100.1')).status).toBe(401);
    const ok = await loginFrom(proxied.baseUrl, 'ip5', officeClient);
    expect(ok.status).toBe(200);
    const h = await proxied.admin.list('loginHistory', {
      filter: { field: 'user', op: 'eq', value: id },
      sort: '-id',
      limit: 1,
    });
    expect(h.body.data[0]).toMatchObject({ event: 'signIn', ip: officeClient });
  });
});
