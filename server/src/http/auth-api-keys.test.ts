import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;
let ownRole: number;

const deal = {
  name: 'kDeal',
  label: { 'zh-CN': '交易', 'en-US': 'Deal' },
  fields: { title: { type: 'text', required: true }, amount: { type: 'money' } },
};

/** A client that authenticates with an API key only: no cookie, no CSRF token. */
function keyClient(key: string) {
  const c = new ApiClient(k.baseUrl);
  const bare = c.request.bind(c);
  c.request = (method, path, body, headers = {}) =>
    bare(method, path, body, { authorization: `Bearer ${key}`, ...headers });
  return c;
}

async function newKey(body: Record<string, unknown>) {
  const r = await k.admin.post('/api/auth/api-keys', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data as { id: number; key: string; apiKey: Record<string, any> };
}

beforeAll(async () => {
  k = await startKehu();
  expect((await k.admin.post('/api/metadata/objects', deal)).status).toBe(201);
  const role = await k.admin.post('/api/objects/role', {
    name: 'integration-own',
    grants: { kDeal: { create: 'own', read: 'own', update: 'own' } },
  });
  ownRole = role.body.data.id;
});
afterAll(() => k?.close());

describe('API keys (INT-1)', () => {
  test('INT-1 an administrator creates a key: shown once, stored hashed, acting as its own service user', async () => {
    const { id, key, apiKey } = await newKey({ name: 'ERP sync', role: ownRole });
    expect(key).toMatch(/^kehu_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'ERP sync', revoked: false, prefix: key.split('_')[1] });
    const stored = await k.admin.get(`/api/objects/apiKey/${id}`);
    // The secret part itself may contain "_": take everything after `kehu_<prefix>_`.
    expect(JSON.stringify(stored.body)).not.toContain(key.slice('kehu_'.length + 13));
    const raw = await k.kehu.database.pool.query('select hash from sys_api_key where record_id = $1', [id]);
    expect(raw.rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(raw.rows[0].hash).not.toContain(key);

    const api = keyClient(key);
    const created = await api.post('/api/objects/kDeal', { title: '来自 ERP' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // History and "created by" name the integration, not the administrator who made the key.
    expect(created.body.data.createdBy.id).toBe(apiKey.serviceUser.id);
    const after = await k.admin.get(`/api/objects/apiKey/${id}`);
    expect(after.body.data.lastUsedAt).toBeTruthy();
  });

  test('INT-1 a key has its role\'s scopes: with "own" it cannot read records of others', async () => {
    const theirs = await k.admin.post('/api/objects/kDeal', { title: '管理员的交易' });
    const { key } = await newKey({ name: 'scoped', role: ownRole });
    const api = keyClient(key);
    const mine = await api.post('/api/objects/kDeal', { title: '我的' });
    const list = await api.list('kDeal');
    expect(list.body.data.map((x: { title: string }) => x.title)).toEqual(['我的']);
    expect((await api.get(`/api/objects/kDeal/${theirs.body.data.id}`)).status).toBe(404);
    expect((await api.patch(`/api/objects/kDeal/${theirs.body.data.id}`, { title: 'x' })).status).toBe(404);
    expect((await api.get(`/api/objects/kDeal/${mine.body.data.id}`)).status).toBe(200);
    // Nothing beyond the role: no users, no roles, no keys.
    expect((await api.get('/api/objects/user')).body.data ?? []).toEqual([]);
    expect((await api.post('/api/auth/api-keys', { name: 'escalate', role: ownRole })).status).toBe(403);
  });

  test('INT-1 a revoked key is refused at once (401); so are wrong, unknown and expired keys', async () => {
    const { id, key } = await newKey({ name: 'to revoke', role: ownRole });
    const api = keyClient(key);
    expect((await api.get('/api/objects/kDeal')).status).toBe(200);
    const revoked = await k.admin.post(`/api/auth/api-keys/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.revoked).toBe(true);
    const r = await api.get('/api/objects/kDeal');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');

    const [, prefix, secret] = (await newKey({ name: 'other', role: ownRole })).key.split(/_(.*?)_/);
    expect((await keyClient(`kehu_${prefix}_${secret.slice(0, -2)}xx`).get('/api/objects/kDeal')).status).toBe(401);
    expect((await keyClient('kehu_000000000000_nope').get('/api/objects/kDeal')).status).toBe(401);
    const expired = await newKey({ name: 'old', role: ownRole, expiresAt: '2020-01-01T00:00:00Z' });
    expect((await keyClient(expired.key).get('/api/objects/kDeal')).status).toBe(401);
    // DELETE revokes as well.
    const del = await newKey({ name: 'deleted', role: ownRole });
    expect((await k.admin.delete(`/api/auth/api-keys/${del.id}`)).status).toBe(200);
    expect((await keyClient(del.key).get('/api/objects/kDeal')).status).toBe(401);
  });

  test('INT-1 only administrators create keys; keys cannot be written through the records API', async () => {
    const { api } = await k.user({ username: 'notadmin', grants: { role: { read: 'all' } } });
    expect((await api.post('/api/auth/api-keys', { name: 'x', role: ownRole })).status).toBe(403);
    expect((await k.admin.post('/api/objects/apiKey', { name: 'x', role: ownRole })).status).toBe(403);
    const bad = await k.admin.post('/api/auth/api-keys', { name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ role: 'required' });
  });
});
