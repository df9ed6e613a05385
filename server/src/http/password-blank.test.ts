import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu, testPassword } from '../../test/harness.ts';

/** Issue 12, finding 8: a password of spaces was taken as "no password" and silently cleared the stored one. */
let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

const canSignIn = async (username: string) => (await new ApiClient(k.baseUrl).login(username, testPassword)).status;

describe('blank passwords are weak passwords (SEC-7)', () => {
  test('SEC-7 PATCH user with a password of spaces or "" is refused as weakPassword and keeps the stored password', async () => {
    const { id } = await k.user({ username: 'blank1' });
    for (const password of ['     ', '', '\t \n', '          ']) {
      const r = await k.admin.patch(`/api/objects/user/${id}`, { password });
      expect(r.status, JSON.stringify(password)).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { password: 'weakPassword' } });
    }
    const zh = await k.admin.patch(`/api/objects/user/${id}`, { password: '   ' });
    expect(zh.body.error.message).toContain('密码：密码强度不足');
    k.admin.locale = 'en-US';
    const en = await k.admin.patch(`/api/objects/user/${id}`, { password: '   ' });
    k.admin.locale = 'zh-CN';
    expect(en.body.error.message).toContain('Password: password too weak');
    // Padding a short password with spaces does not make it long enough.
    const padded = await k.admin.patch(`/api/objects/user/${id}`, { password: '   Hx7!q   ' });
    expect(padded.body.error?.fields).toEqual({ password: 'weakPassword' });
    expect(await canSignIn('blank1')).toBe(200);
  });

  test('SEC-7 creating a user with a blank password is refused as weakPassword', async () => {
    const r = await k.admin.post('/api/objects/user', { username: 'blank2', name: '空密码', password: '    ' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual({ password: 'weakPassword' });
    expect(
      (await k.admin.list('user', { filter: { field: 'username', op: 'eq', value: 'blank2' } })).body.data,
    ).toEqual([]);
  });

  test('SEC-7 POST /api/auth/password with a new password of spaces is refused as weakPassword, named by its label', async () => {
    const { api } = await k.user({ username: 'blank3' });
    for (const newPassword of ['     ', '']) {
      const r = await api.post('/api/auth/password', { currentPassword: testPassword, newPassword });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { newPassword: 'weakPassword' } });
      expect(r.body.error.message).toContain('新密码：密码强度不足');
    }
    api.locale = 'en-US';
    const wrong = await api.post('/api/auth/password', { currentPassword: 'not-my-password-1', newPassword: ' ' });
    expect(wrong.body.error.message).toContain('Current password: incorrect');
    // The session still works and the old password still signs in.
    expect((await api.get('/api/auth/me')).status).toBe(200);
    expect(await canSignIn('blank3')).toBe(200);
  });
});
