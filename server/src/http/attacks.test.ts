import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';

/**
 * Attacks that hit real CRMs (SuiteCRM, EspoCRM, vtiger, Twenty): IDOR, mass assignment, field-permission
 * bypass through group-by and sorting, SQL injection through client-supplied column names, stored XSS.
 * Sign-in attacks (brute force, enumeration, fixation, CSRF, disabled users, API keys) are in auth-*.test.ts.
 */
let k: TestKehu;
let li: { id: number; api: ApiClient };
let wang: { id: number; api: ApiClient };
let wangLead: number;

beforeAll(async () => {
  k = await startKehu();
  const r = await k.admin.post('/api/metadata/objects', {
    name: 'lead',
    label: { 'zh-CN': '线索' },
    fields: {
      name: { type: 'text', required: true },
      budget: { type: 'money' },
      memo: { type: 'richText' },
      owner: { type: 'owner' },
    },
  });
  expect(r.status).toBe(201);
  const role = await k.admin.post('/api/objects/role', {
    name: '外包销售',
    grants: { lead: { create: 'own', read: 'own', update: 'own', delete: 'own', export: 'own' } },
    fieldRights: { lead: { budget: 'hidden' } },
  });
  for (const name of ['li', 'wang']) {
    await k.admin.post('/api/objects/user', {
      username: name,
      name,
      password: 'Correct-Horse-42',
      roles: [role.body.data.id],
    });
  }
  li = { id: 0, api: await k.as('li') };
  wang = { id: 0, api: await k.as('wang') };
  wangLead = (await wang.api.post('/api/objects/lead', { name: '王的线索' })).body.data.id;
  await k.admin.patch(`/api/objects/lead/${wangLead}`, { budget: '777777.00' });
});
afterAll(() => k?.close());

describe("SEC-2 IDOR: someone else's record by id", () => {
  test('SEC-2 every per-record route answers 404 for a record outside the scope', async () => {
    const paths = [
      ['GET', `/api/objects/lead/${wangLead}`],
      ['PATCH', `/api/objects/lead/${wangLead}`],
      ['DELETE', `/api/objects/lead/${wangLead}`],
      ['GET', `/api/objects/lead/${wangLead}/history`],
      ['POST', `/api/objects/lead/${wangLead}/restore`],
      ['GET', `/api/objects/lead/${wangLead}/shares`],
      ['POST', `/api/objects/lead/${wangLead}/shares`],
      ['POST', `/api/objects/lead/${wangLead}/reveal`],
    ] as const;
    for (const [method, path] of paths) {
      const body =
        method === 'GET' || method === 'DELETE'
          ? undefined
          : method === 'PATCH'
            ? { name: 'x' }
            : { version: 1, field: 'name', user: 1 };
      const r = await li.api.request(method, path, body);
      expect([404], `${method} ${path} → ${r.status}`).toContain(r.status);
    }
    expect((await k.admin.get(`/api/objects/lead/${wangLead}`)).body.data.name).toBe('王的线索');
  });

  test('SEC-2 bulk operations cannot reach records outside the scope', async () => {
    const r = await li.api.post('/api/objects/lead/bulk-update', { ids: [wangLead], values: { name: 'x' } });
    expect(r.status).toBe(404);
    const d = await li.api.post('/api/objects/lead/bulk-delete', { filter: { field: 'id', op: 'gt', value: 0 } });
    expect(d.status === 200 ? d.body.data.deleted : 0).toBe(0);
    expect((await k.admin.get(`/api/objects/lead/${wangLead}`)).status).toBe(200);
  });
});

describe('Mass assignment', () => {
  test('INT-1 id, version, audit fields and another owner cannot be set through the body', async () => {
    const r = await li.api.post('/api/objects/lead', {
      name: 'x',
      id: 1,
      createdBy: 1,
      createdAt: '2020-01-01T00:00:00Z',
      deletedAt: null,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toMatchObject({
      id: 'readOnly',
      createdBy: 'readOnly',
      createdAt: 'readOnly',
      deletedAt: 'unknown',
    });
    const adminId = (await k.admin.get('/api/auth/me')).body.data.user.id;
    const owner = await li.api.post('/api/objects/lead', { name: 'x', owner: adminId });
    expect(owner.status).toBe(403);
    const mine = (await li.api.post('/api/objects/lead', { name: '我的' })).body.data;
    const steal = await li.api.patch(`/api/objects/lead/${mine.id}`, { owner: adminId });
    expect(steal.status).toBe(403);
  });
});

describe('SEC-3 field-permission bypass', () => {
  test('SEC-3 a hidden field cannot be grouped, aggregated, sorted or filtered on', async () => {
    const mine = await wang.api.get('/api/objects/lead/group?by=budget');
    expect(mine.status).toBe(400);
    const agg = await wang.api.get('/api/objects/lead/group?by=name&measures=sum:budget');
    expect(agg.status).toBe(400);
    expect(JSON.stringify(agg.body)).not.toContain('777777');
    const sorted = await wang.api.list('lead', { sort: 'budget' });
    expect(sorted.status).toBe(400);
    const filtered = await wang.api.list('lead', { filter: { field: 'budget', op: 'gte', value: 777777 } });
    expect(filtered.status).toBe(400);
  });
});

describe('SQL injection through column names and values', () => {
  test('INT-1 crafted field names in filter, sort, group and quick search are refused; values are bound', async () => {
    const attempts = [
      `/api/objects/lead?sort=${encodeURIComponent('name;drop table obj_lead')}`,
      `/api/objects/lead?sort=${encodeURIComponent('(select 1)')}`,
      `/api/objects/lead/group?by=${encodeURIComponent('name") from obj_user--')}`,
      `/api/objects/lead?filter=${encodeURIComponent(JSON.stringify({ field: 'name"::text or 1=1--', op: 'eq', value: 1 }))}`,
      `/api/objects/lead?filter=${encodeURIComponent(JSON.stringify({ field: 'name', op: 'eq; drop', value: 1 }))}`,
      `/api/objects/${encodeURIComponent('lead;drop table x')}`,
    ];
    for (const path of attempts) {
      const r = await li.api.get(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
    }
    const v = await li.api.list('lead', {
      filter: { field: 'name', op: 'eq', value: "x' or '1'='1" },
      q: "'; drop table obj_lead; --",
    });
    expect(v.status).toBe(200);
    expect(v.body.data).toEqual([]);
    const still = await sql<{ n: number }>`select count(*)::int as n from obj_lead`.execute(k.kehu.engine.db);
    expect(still.rows[0].n).toBeGreaterThan(0);
  });
});

describe('Stored XSS', () => {
  test('SEC-13 rich text is sanitised on write: scripts, event handlers and javascript: links are gone', async () => {
    const r = await li.api.post('/api/objects/lead', {
      name: '<img src=x onerror=alert(1)>',
      memo: '<p>好<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">点</a><svg onload=alert(4)></svg></p>',
    });
    expect(r.status).toBe(201);
    expect(r.body.data.memo).not.toMatch(/onerror|<script|javascript:|onload|<svg/i);
    // Plain text is stored as typed (it is data); the client renders it as text, and the API says JSON.
    const g = await li.api.get(`/api/objects/lead/${r.body.data.id}`);
    expect(g.headers.get('content-type')).toContain('application/json');
    expect(g.headers.get('x-content-type-options')).toBe('nosniff');
    expect(g.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('WF-7 the data dictionary is no back door to hidden fields', () => {
  test('WF-7 a non-administrator neither reads nor edits option lists, counts or hidden picklists', async () => {
    const f = await k.admin.post('/api/metadata/objects/lead/fields', {
      name: 'tier',
      type: 'picklist',
      label: { 'zh-CN': '内部评级' },
      options: [
        { value: 'gold', label: { 'zh-CN': '金牌' } },
        { value: 'plain', label: { 'zh-CN': '普通' } },
      ],
    });
    expect(f.status, JSON.stringify(f.body)).toBe(201);
    const role = (await k.admin.list('role', { filter: { field: 'name', op: 'eq', value: '外包销售' } })).body.data[0];
    const hide = await k.admin.patch(`/api/objects/role/${role.id}`, {
      fieldRights: { lead: { budget: 'hidden', tier: 'hidden' } },
    });
    expect(hide.status, JSON.stringify(hide.body)).toBe(200);
    await k.admin.patch(`/api/objects/lead/${wangLead}`, { tier: 'gold' });
    // The administrator's counts come from the access-checked grouping; the salesperson gets none of it.
    const all = (await k.admin.get('/api/dictionary')).body.data;
    const tier = all.find((x: { object: string; field: string }) => x.object === 'lead' && x.field === 'tier');
    expect(tier.options.map((o: { count: number }) => o.count)).toEqual([1, 0]);
    for (const api of [wang.api, li.api]) {
      const r = await api.get('/api/dictionary');
      expect(r.status).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain('金牌');
      const p = await api.patch('/api/dictionary/lead/tier', {
        options: [{ value: 'gold', label: { 'zh-CN': '泄露' }, active: false }],
      });
      expect(p.status).toBe(403);
      const meta = await api.get('/api/metadata/objects/lead');
      expect(meta.body.data.fields.map((x: { name: string }) => x.name)).not.toContain('tier');
      expect((await api.get('/api/objects/lead/group?by=tier')).status).toBe(400);
    }
    const after = (await k.admin.get('/api/metadata/objects/lead')).body.data.fields.find(
      (x: { name: string }) => x.name === 'tier',
    );
    expect(after.options.map((o: { label: { 'zh-CN': string } }) => o.label['zh-CN'])).toEqual(['金牌', '普通']);
  });
});
