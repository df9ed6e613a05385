import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;
let wang: { id: number; api: ApiClient };
let zhao: { id: number; api: ApiClient };
let li: { id: number; api: ApiClient };
let x = 0;
let y = 0;
let gone = 0;
let contact = 0;

const own = { create: 'own', read: 'own', update: 'own', delete: 'own' } as const;
const create = async (api: ApiClient, object: string, body: Record<string, unknown>) => {
  const r = await api.post(`/api/objects/${object}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id as number;
};
const merge = (body: unknown, api = k.admin, object = 'customer') => api.post(`/api/objects/${object}/merge`, body);

beforeAll(async () => {
  k = await startKehu();
  wang = await k.user({ username: 'wang', grants: { customer: own, contact: own, user: { read: 'all' } } });
  li = await k.user({ username: 'li', grants: { customer: own, user: { read: 'all' } } });
  zhao = await k.user({
    username: 'zhao',
    grants: { customer: { ...own, read: 'all' }, user: { read: 'all' } },
  });
  x = await create(k.admin, 'customer', { name: '济南重汽专用车有限公司' });
  y = await create(k.admin, 'customer', { name: '重汽专用车（济南）有限公司' });
  gone = await create(k.admin, 'customer', { name: '已删除的客户' });
  expect((await k.admin.delete(`/api/objects/customer/${gone}`)).status).toBe(200);
  contact = await create(k.admin, 'contact', { name: '孙丽', customer: x });
});
afterAll(() => k?.close());

describe('CUS-6 merge refusals', () => {
  test('CUS-6 merging a record into itself or merging nothing is refused, naming the field', async () => {
    const self = await merge({ survivor: x, merged: [x] });
    expect(self.status).toBe(400);
    expect(self.body.error).toMatchObject({ code: 'MERGE_SELF', fields: { merged: 'invalidOption' } });
    expect(self.body.error.message).toContain('不能把记录合并到它自己');
    const empty = await merge({ survivor: x, merged: [] });
    expect(empty.body.error).toMatchObject({ code: 'MERGE_EMPTY', fields: { merged: 'required' } });
    expect(empty.body.error.message).toContain('merged');
    const noSurvivor = await merge({ merged: [y] });
    expect(noSurvivor.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { survivor: 'required' } });
    k.admin.locale = 'en-US';
    const en = await merge({ survivor: x, merged: [y, x] });
    k.admin.locale = 'zh-CN';
    expect(en.body.error.message).toContain('cannot be merged into itself');
  });

  test('CUS-6 a deleted record, a missing one or a record of another object is refused, naming the field', async () => {
    const deleted = await merge({ survivor: x, merged: [gone] });
    expect(deleted.status).toBe(409);
    expect(deleted.body.error).toMatchObject({ code: 'MERGE_DELETED', fields: { merged: 'notFound' } });
    const deadSurvivor = await merge({ survivor: gone, merged: [x] });
    expect(deadSurvivor.body.error).toMatchObject({ code: 'MERGE_DELETED', fields: { survivor: 'notFound' } });
    const missing = await merge({ survivor: x, merged: [987654] });
    expect(missing.status).toBe(404);
    expect(missing.body.error.fields).toEqual({ merged: 'notFound' });
    const wrong = await merge({ survivor: x, merged: [{ id: contact, object: 'contact' }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'MERGE_WRONG_OBJECT', fields: { merged: 'invalidOption' } });
    expect(wrong.body.error.message).toContain('contact');
    const users = await merge({ survivor: 1, merged: [wang.id] }, k.admin, 'user');
    expect(users.body.error.code).toBe('MERGE_UNSUPPORTED');
  });

  test('CUS-6 per-field choices must name a writable field and one of the merged records', async () => {
    const r = await merge({ survivor: x, merged: [y], values: { nope: y, code: y, name: 12345 } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { nope: 'unknown', code: 'readOnly', name: 'invalidOption' },
    });
    const extra = await merge({ survivor: x, merged: [y], force: true });
    expect(extra.body.error.code).toBe('UNKNOWN_PARAMETER');
    expect((await k.admin.get(`/api/objects/customer/${x}/merges`)).body.data).toEqual([]);
    expect((await k.admin.get(`/api/objects/customer/${y}`)).status).toBe(200);
  });
});

describe('CUS-6 merge rights', () => {
  test("CUS-6 a user with own scope cannot merge a colleague's record, either way round (404, nothing leaks)", async () => {
    const w1 = await create(wang.api, 'customer', { name: '王的客户甲' });
    const into = await merge({ survivor: w1, merged: [x] }, wang.api);
    expect(into.status).toBe(404);
    expect(into.body.error.fields).toEqual({ merged: 'notFound' });
    const from = await merge({ survivor: x, merged: [w1] }, wang.api);
    expect(from.status).toBe(404);
    expect(from.body.error.fields).toEqual({ survivor: 'notFound' });
    expect((await k.admin.get(`/api/objects/customer/${x}`)).status).toBe(200);
  });

  test('CUS-6 a record one may read but not edit or delete is refused with 403', async () => {
    const z1 = await create(zhao.api, 'customer', { name: '赵的客户' });
    const survivor = await merge({ survivor: x, merged: [z1] }, zhao.api);
    expect(survivor.status).toBe(403);
    expect(survivor.body.error).toMatchObject({ code: 'MERGE_FORBIDDEN', fields: { survivor: 'readOnly' } });
    const merged = await merge({ survivor: z1, merged: [x] }, zhao.api);
    expect(merged.status).toBe(403);
    expect(merged.body.error.fields).toEqual({ merged: 'readOnly' });
  });

  test('CUS-6 references the caller cannot see still move with the merge, and come back on undo', async () => {
    const w1 = await create(wang.api, 'customer', { name: '王的客户乙' });
    const w2 = await create(wang.api, 'customer', { name: '王的客户乙（重复）' });
    const hidden = await create(k.admin, 'contact', { name: '管理员录入的联系人', customer: w2 });
    expect((await wang.api.get(`/api/objects/contact/${hidden}`)).status).toBe(404);
    const r = await merge({ survivor: w1, merged: [w2] }, wang.api);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const moved = await k.admin.get(`/api/objects/contact/${hidden}`);
    expect(moved.body.data.customer.id).toBe(w1);
    const h = await k.admin.get(`/api/objects/contact/${hidden}/history`);
    expect(h.body.data[0]).toMatchObject({ action: 'merge', actor: { id: wang.id } });
    const stranger = await li.api.post(`/api/merges/${r.body.data.merge.id}/undo`);
    expect(stranger.status).toBe(404);
    const u = await wang.api.post(`/api/merges/${r.body.data.merge.id}/undo`);
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect((await k.admin.get(`/api/objects/contact/${hidden}`)).body.data.customer.id).toBe(w2);
  });
});
