import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';

/**
 * Issue 12, finding 8: a version whose only change was a hidden field showed up as an empty version, so a user
 * who may not read the field still learnt when it changed.
 */
let k: TestKehu;
let restricted: ApiClient;
let id: number;

beforeAll(async () => {
  k = await startKehu();
  const r = await k.admin.post('/api/metadata/objects', {
    name: 'deal',
    label: { 'zh-CN': '交易' },
    fields: {
      name: { type: 'text', required: true },
      floorPrice: { type: 'money', label: { 'zh-CN': '底价' } },
      note: { type: 'text' },
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const role = await k.admin.post('/api/objects/role', {
    name: '看不到底价',
    grants: { deal: { read: 'all' }, user: { read: 'all' } },
    fieldRights: { deal: { floorPrice: 'hidden' } },
  });
  const u = await k.admin.post('/api/objects/user', {
    username: 'nofloor',
    name: '无底价权限',
    password: testPassword,
    roles: [role.body.data.id],
  });
  expect(u.status, JSON.stringify(u.body)).toBe(201);
  restricted = await k.as('nofloor');
  id = (await k.admin.post('/api/objects/deal', { name: '华宇订单', floorPrice: '100000.00', note: '首次' })).body.data
    .id;
  await k.admin.patch(`/api/objects/deal/${id}`, { floorPrice: '90000.00' }); // v2: hidden field only
  await k.admin.patch(`/api/objects/deal/${id}`, { floorPrice: '85000.00', note: '让价' }); // v3: hidden + visible
  await k.admin.patch(`/api/objects/deal/${id}`, { note: '成交' }); // v4: visible only
});
afterAll(() => k?.close());

const versionsOf = async (api: ApiClient, object: string, recordId: number) => {
  const r = await api.get(`/api/objects/${object}/${recordId}/history`);
  expect(r.status).toBe(200);
  return r.body.data as Array<{ version: number; action: string; changes: Record<string, unknown> }>;
};

describe('history and unreadable fields (SEC-3, SEC-10)', () => {
  test('SEC-3 a version that changed only a hidden field is not shown at all to who cannot read the field', async () => {
    const versions = await versionsOf(restricted, 'deal', id);
    expect(versions.map((v) => v.version)).toEqual([4, 3, 1]);
    expect(versions.every((v) => Object.keys(v.changes).length > 0)).toBe(true);
    expect(JSON.stringify(versions)).not.toMatch(/floorPrice|90000|85000|100000/);
  });

  test('SEC-3 a version that changed hidden and visible fields shows only the visible changes', async () => {
    const v3 = (await versionsOf(restricted, 'deal', id)).find((v) => v.version === 3);
    expect(v3?.changes).toEqual({ note: ['首次', '让价'] });
  });

  test('SEC-10 whoever may read the field still sees every version', async () => {
    const versions = await versionsOf(k.admin, 'deal', id);
    expect(versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(versions.find((v) => v.version === 2)?.changes).toEqual({ floorPrice: ['100000.00', '90000.00'] });
  });

  test('SEC-3 a change of a secret field (a password) leaves no empty version, not even for administrators', async () => {
    const { id: userId } = await k.user({ username: 'pwhist' });
    const before = (await versionsOf(k.admin, 'user', userId)).length;
    expect((await k.admin.patch(`/api/objects/user/${userId}`, { password: 'Another-Horse-2031' })).status).toBe(200);
    expect(await versionsOf(k.admin, 'user', userId)).toHaveLength(before);
    expect((await k.admin.patch(`/api/objects/user/${userId}`, { title: '经理' })).status).toBe(200);
    const after = await versionsOf(k.admin, 'user', userId);
    expect(after).toHaveLength(before + 1);
    expect(after[0].changes).toEqual({ title: [null, '经理'] });
    expect(await versionsOf(restricted, 'user', userId)).toHaveLength(before + 1);
  });
});
