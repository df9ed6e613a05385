import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';

let k: TestKehu;

const visitPlan = {
  name: 'visitPlan',
  label: { 'zh-CN': '拜访计划', 'en-US': 'Visit plan' },
  fields: {
    title: { type: 'text', required: true, label: { 'zh-CN': '主题', 'en-US': 'Title' } },
    amount: { type: 'money', label: { 'zh-CN': '金额', 'en-US': 'Amount' } },
    visits: { type: 'integer', label: { 'zh-CN': '次数', 'en-US': 'Visits' } },
    status: {
      type: 'picklist',
      options: [
        { value: 'plan', label: { 'zh-CN': '计划' } },
        { value: 'done', label: { 'zh-CN': '完成' } },
      ],
    },
    owner: { type: 'owner' },
  },
};

beforeAll(async () => {
  k = await startKehu();
  const r = await k.admin.post('/api/metadata/objects', {
    ...visitPlan,
    fields: { ...visitPlan.fields, owner: undefined },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
});
afterAll(() => k?.close());

describe('INT-1 records API', () => {
  test('INT-1 create, get, update and list a record of a custom object', async () => {
    const c = await k.admin.post('/api/objects/visitPlan', {
      title: '拜访开乐专用车',
      amount: '1234.5',
      visits: 2,
      status: 'plan',
    });
    expect(c.status).toBe(201);
    expect(c.body.data).toMatchObject({
      title: '拜访开乐专用车',
      amount: '1234.50',
      visits: 2,
      status: 'plan',
      version: 1,
    });
    const id = c.body.data.id;
    const g = await k.admin.get(`/api/objects/visitPlan/${id}`);
    expect(g.body.data.createdBy.label).toBe('系统管理员');
    const u = await k.admin.patch(`/api/objects/visitPlan/${id}`, { status: 'done', version: 1 });
    expect(u.status).toBe(200);
    expect(u.body.data).toMatchObject({ status: 'done', version: 2 });
    const l = await k.admin.list('visitPlan', { filter: { field: 'status', op: 'eq', value: 'done' }, count: 'true' });
    expect(l.body.total).toBe(1);
    expect(l.body.data[0].id).toBe(id);
  });

  test('INT-1 a stale version gets 409 and changes nothing', async () => {
    const c = await k.admin.post('/api/objects/visitPlan', { title: 'v' });
    const id = c.body.data.id;
    await k.admin.patch(`/api/objects/visitPlan/${id}`, { title: 'v2', version: 1 });
    const stale = await k.admin.patch(`/api/objects/visitPlan/${id}`, { title: 'v3', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await k.admin.get(`/api/objects/visitPlan/${id}`)).body.data.title).toBe('v2');
  });

  test('INT-1 bad input is refused with field-level codes and translated messages', async () => {
    const r = await k.admin.post('/api/objects/visitPlan', { amount: 'abc', status: 'nope', hacker: 1, id: 5 });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.fields).toEqual({
      title: 'required',
      amount: 'type',
      status: 'invalidOption',
      hacker: 'unknown',
      id: 'readOnly',
    });
    expect(r.body.error.message).toContain('必填');
    k.admin.locale = 'en-US';
    const e = await k.admin.post('/api/objects/visitPlan', {});
    k.admin.locale = 'zh-CN';
    expect(e.body.error.message).toContain('required');
    const bad = await k.admin.request('POST', '/api/objects/visitPlan', '{"title":', {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_JSON');
    const list = await k.admin.list('visitPlan', { filter: { field: 'title; drop table x', op: 'eq', value: 1 } });
    expect(list.body.error.code).toBe('UNKNOWN_FIELD');
    const param = await k.admin.get('/api/objects/visitPlan?foo=1');
    expect(param.body.error.code).toBe('UNKNOWN_PARAMETER');
    const op = await k.admin.list('visitPlan', { filter: { field: 'title', op: 'regex', value: '.*' } });
    expect(op.body.error.code).toBe('UNKNOWN_OPERATOR');
  });

  test('INT-1 keyset pagination visits every record once', async () => {
    for (let i = 0; i < 7; i++) await k.admin.post('/api/objects/visitPlan', { title: `page ${i}`, visits: i % 3 });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, unknown> = {
        sort: '-visits,title',
        limit: '3',
        filter: { field: 'title', op: 'startsWith', value: 'page' },
      };
      if (cursor) params.cursor = cursor;
      const r = await k.admin.list('visitPlan', params);
      expect(r.status).toBe(200);
      seen.push(...r.body.data.map((d: { id: number }) => d.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(7);
    expect(new Set(seen).size).toBe(7);
  });
});

describe('SEC-10 history, restore and recycle bin', () => {
  test('SEC-10 every change is a version with old and new values; an old version can be restored', async () => {
    const c = await k.admin.post('/api/objects/visitPlan', { title: '第一版', visits: 1 });
    const id = c.body.data.id;
    await k.admin.patch(`/api/objects/visitPlan/${id}`, { title: '第二版', visits: 5 });
    const h = await k.admin.get(`/api/objects/visitPlan/${id}/history`);
    expect(h.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(h.body.data[0].changes).toMatchObject({ title: ['第一版', '第二版'], visits: [1, 5] });
    expect(h.body.data[0].actor.label).toBe('系统管理员');
    expect(h.body.data[0].ip).toBe('127.0.0.1');
    const r = await k.admin.post(`/api/objects/visitPlan/${id}/restore`, { version: 1 });
    expect(r.body.data).toMatchObject({ title: '第一版', visits: 1, version: 3 });
    const h2 = await k.admin.get(`/api/objects/visitPlan/${id}/history`);
    expect(h2.body.data[0].action).toBe('restore');
  });

  test('SEC-10 deleted records go to the recycle bin and come back', async () => {
    const c = await k.admin.post('/api/objects/visitPlan', { title: '要删除的' });
    const id = c.body.data.id;
    expect((await k.admin.delete(`/api/objects/visitPlan/${id}`)).status).toBe(200);
    expect((await k.admin.get(`/api/objects/visitPlan/${id}`)).status).toBe(404);
    const bin = await k.admin.get('/api/recycle-bin/visitPlan');
    expect(bin.body.data.map((d: { id: number }) => d.id)).toContain(id);
    const back = await k.admin.post(`/api/objects/visitPlan/${id}/restore`, {});
    expect(back.status).toBe(200);
    expect((await k.admin.get(`/api/objects/visitPlan/${id}`)).body.data.title).toBe('要删除的');
  });

  test('SEC-11 data-changing calls are in the operation log', async () => {
    await k.admin.post('/api/objects/visitPlan', { title: '日志' });
    const log = await k.admin.list('operationLog', {
      filter: { field: 'targetObject', op: 'eq', value: 'visitPlan' },
      sort: '-at',
    });
    expect(log.body.data[0]).toMatchObject({
      method: 'POST',
      action: 'POST /api/objects/:object',
      status: 201,
      ip: '127.0.0.1',
    });
    const w = await k.admin.post('/api/objects/operationLog', { action: 'forged' });
    expect(w.status).toBe(403);
  });
});

describe('INT-1 request limits', () => {
  test('INT-1 an oversized body is refused with 413 and nothing is written', async () => {
    const r = await k.admin.post('/api/objects/visitPlan', { title: 'x'.repeat(2 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('SEC-2 the "*" grant does not reach users, roles or the operation log', async () => {
    const u = await k.user({ username: 'wildcard', grants: { '*': { read: 'all', update: 'all' } } });
    expect((await u.api.list('operationLog')).status).toBe(403);
    expect((await u.api.list('role')).status).toBe(403);
    expect((await u.api.list('visitPlan')).status).toBe(200);
  });
});

describe('INT-1 hostile characters', () => {
  test('INT-1 a NUL character in any value is refused with the field named, not a server error', async () => {
    const r = await k.admin.post('/api/objects/visitPlan', { title: 'a\u0000b' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual({ title: 'format' });
  });
});
