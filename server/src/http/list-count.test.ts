import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { loadRecords } from '../engine/records/bulk-load.ts';

let k: TestKehu;
let adminId: number;
beforeAll(async () => {
  k = await startKehu();
  await k.admin.post('/api/metadata/objects', {
    name: 'lcItem',
    label: { 'zh-CN': '计数' },
    fields: { title: { type: 'text', required: true }, budget: { type: 'money' }, owner: { type: 'owner' } },
  });
  const admins = await k.admin.post('/api/objects/user/query', {
    filter: { field: 'username', op: 'eq', value: 'admin' },
  });
  adminId = admins.body.data[0].id;
  const inputs = Array.from({ length: 30 }, (_, i) => ({
    title: i % 2 ? `甲${i}` : `乙${i}`,
    budget: `${i}.50`,
    owner: adminId,
  }));
  await loadRecords(k.kehu.engine.systemContext(), 'lcItem', inputs);
});
afterAll(() => k?.close());

describe('INT-1 lists of the fields a view shows', () => {
  test('INT-1 fields= returns only those fields (with id and version), labels included, and pages the same', async () => {
    const first = await k.admin.get('/api/objects/lcItem?fields=title,owner&sort=title&limit=20');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    for (const r of first.body.data) expect(Object.keys(r).sort()).toEqual(['id', 'owner', 'title', 'version']);
    expect(first.body.data[0].owner).toMatchObject({ id: adminId });
    expect(first.body.data[0].owner.label).toBeTruthy();
    const second = await k.admin.post('/api/objects/lcItem/query', {
      fields: ['budget'],
      sort: [{ field: 'title', dir: 'asc' }],
      limit: 20,
      cursor: first.body.nextCursor,
    });
    expect(second.body.data).toHaveLength(10);
    expect(Object.keys(second.body.data[0]).sort()).toEqual(['budget', 'id', 'version']);
    const all = await k.admin.get('/api/objects/lcItem?sort=title&limit=30');
    expect([...first.body.data, ...second.body.data].map((r) => r.id)).toEqual(all.body.data.map((r: any) => r.id));
  });

  test('INT-1 SEC-3 a field that does not exist or that the caller may not read is refused alike', async () => {
    const role = await k.admin.post('/api/objects/role', {
      name: '只看标题',
      grants: { lcItem: { read: 'all' } },
      fieldRights: { lcItem: { budget: 'hidden' } },
    });
    await k.admin.post('/api/objects/user', {
      username: 'lc_reader',
      name: '读者',
      password: 'Correct-Horse-42',
      roles: [role.body.data.id],
    });
    const reader = await k.as('lc_reader');
    const titles = await reader.get('/api/objects/lcItem?fields=title&limit=1');
    expect(titles.status).toBe(200);
    for (const fields of ['budget', 'nope', 'title,budget']) {
      const r = await reader.get(`/api/objects/lcItem?fields=${fields}`);
      expect(r.status, fields).toBe(400);
      expect(r.body.error.code, fields).toBe('UNKNOWN_FIELD');
    }
    for (const fields of [['title', 1], 'title', []]) {
      const r = await reader.post('/api/objects/lcItem/query', { fields });
      expect(r.status, JSON.stringify(fields)).toBe(Array.isArray(fields) && fields.length === 0 ? 200 : 400);
    }
    const blank = await reader.get('/api/objects/lcItem?fields=title,,');
    expect(blank.body.error.code).toBe('BAD_REQUEST');
  });
});

describe('INT-1 list counts that stay cheap on large tables', () => {
  test('INT-1 countUpTo counts at most that many and says when more match; count=true stays exact', async () => {
    const capped = await k.admin.post('/api/objects/lcItem/query', { limit: 1, countUpTo: 10 });
    expect(capped.body).toMatchObject({ total: 10, totalCapped: true });
    const under = await k.admin.get('/api/objects/lcItem?limit=1&countUpTo=30');
    expect(under.body.total).toBe(30);
    expect(under.body.totalCapped).toBeUndefined();
    const filtered = await k.admin.post('/api/objects/lcItem/query', {
      filter: { field: 'title', op: 'startsWith', value: '甲' },
      countUpTo: 100,
    });
    expect(filtered.body.total).toBe(15);
    const exact = await k.admin.get('/api/objects/lcItem?limit=1&count=true&countUpTo=5');
    expect(exact.body).toMatchObject({ total: 30 });
    expect(exact.body.totalCapped).toBeUndefined();
  });

  test('INT-1 a bad countUpTo is refused, never a 500', async () => {
    for (const v of ['0', '-1', 'x', '2000000', '1.5']) {
      const r = await k.admin.get(`/api/objects/lcItem?countUpTo=${v}`);
      expect(r.status, v).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
  });
});
