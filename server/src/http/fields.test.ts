import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../test/harness.ts';

/** Every field type through the real HTTP API and PostgreSQL: stored, normalised, returned, filtered. */
let k: TestKehu;
const opt = (value: string, zh: string) => ({ value, label: { 'zh-CN': zh } });

beforeAll(async () => {
  k = await startKehu();
  const tag = await k.admin.post('/api/metadata/objects', {
    name: 'segment',
    label: { 'zh-CN': '细分市场' },
    fields: { name: { type: 'text' } },
  });
  expect(tag.status).toBe(201);
  const r = await k.admin.post('/api/metadata/objects', {
    name: 'sample',
    label: { 'zh-CN': '样例', 'en-US': 'Sample' },
    fields: {
      name: { type: 'text', required: true, maxLength: 20 },
      notes: { type: 'longText' },
      intro: { type: 'richText' },
      qty: { type: 'integer', min: 0 },
      weight: { type: 'decimal', scale: 3 },
      price: { type: 'money' },
      discount: { type: 'percent' },
      active: { type: 'boolean' },
      since: { type: 'date' },
      seenAt: { type: 'datetime' },
      level: { type: 'picklist', options: [opt('A', 'A级'), opt('B', 'B级')] },
      channels: { type: 'multiPicklist', options: [opt('web', '网站'), opt('phone', '电话'), opt('dealer', '经销商')] },
      labels: { type: 'tags' },
      phone: { type: 'phone' },
      email: { type: 'email' },
      site: { type: 'url' },
      area: { type: 'region' },
      address: { type: 'address' },
      parent: { type: 'manyToOne', object: 'sample' },
      segments: { type: 'manyToMany', object: 'segment' },
      files: { type: 'attachments' },
      code: { type: 'autoNumber', pattern: 'YP{yyyy}{seq:4}' },
      total: { type: 'computed', formula: 'qty * price', resultType: 'money' },
      salesOwner: { type: 'owner' },
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
});
afterAll(() => k?.close());

describe('Field types (issue 2, CUS-2)', () => {
  test('CUS-2 values are validated, normalised and returned in their API form', async () => {
    const seg = await k.admin.post('/api/objects/segment', { name: '环卫' });
    const r = await k.admin.post('/api/objects/sample', {
      name: '  开乐专用车  ',
      notes: '第一行\n第二行',
      intro: '<p onclick="x()">好<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>',
      qty: 3,
      weight: '1.125',
      price: 100000.5,
      discount: 12.5,
      active: true,
      since: '2024-02-29',
      seenAt: '2026-01-02T08:00:00+08:00',
      level: 'A',
      channels: ['web', 'dealer'],
      labels: ['重点', '重点', ' 新客户 '],
      phone: '138 0013 8000',
      email: 'Sales@Example.COM',
      site: 'www.example.com',
      area: { province: '37', city: '3701', district: '370102' },
      address: { province: '山东省', city: '济南市', district: '历下区', street: '经十路 1 号' },
      segments: [seg.body.data.id],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const d = r.body.data;
    expect(d.name).toBe('开乐专用车');
    expect(d.intro).not.toMatch(/script|onclick|javascript/);
    expect(d).toMatchObject({
      qty: 3,
      weight: '1.125',
      price: '100000.50',
      discount: 12.5,
      active: true,
      since: '2024-02-29',
      seenAt: '2026-01-02T00:00:00.000Z',
      level: 'A',
      channels: ['web', 'dealer'],
      labels: ['重点', '新客户'],
      phone: '+8613800138000',
      email: 'Sales@example.com',
      site: 'https://www.example.com/',
      total: '300001.50',
      salesOwner: { id: expect.any(Number), label: '系统管理员' },
    });
    expect(d.code).toMatch(/^YP\d{4}0001$/);
    expect(d.area).toMatchObject({ province: '37', city: '3701', district: '370102' });
    expect(d.area.label).toContain('济南');
    expect(d.address).toMatchObject({ province: '37', street: '经十路 1 号' });
    expect(d.segments).toEqual([{ id: seg.body.data.id, label: '环卫' }]);
  });

  test('CUS-2 bad values are refused per field, and nothing is written', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from obj_sample`.execute(k.kehu.engine.db);
    const r = await k.admin.post('/api/objects/sample', {
      name: 'x'.repeat(21),
      qty: -1,
      weight: 'abc',
      since: '2023-02-29',
      level: 'Z',
      channels: ['tv'],
      phone: '12345',
      email: 'not-an-email',
      site: 'javascript:alert(1)',
      area: { province: '37', city: '1101' },
      parent: 999999,
      total: 5,
      code: 'X',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual({
      name: 'tooLong',
      qty: 'tooSmall',
      weight: 'type',
      since: 'invalidDate',
      level: 'invalidOption',
      channels: 'invalidOption',
      phone: 'invalidPhone',
      email: 'invalidEmail',
      site: 'invalidUrl',
      area: 'invalidRegion',
      parent: 'notFound',
      total: 'readOnly',
      code: 'readOnly',
    });
    const after = await sql<{ n: number }>`select count(*)::int as n from obj_sample`.execute(k.kehu.engine.db);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  test('CUS-2 normalised values are what filters match: a phone typed another way, a region by province', async () => {
    await k.admin.post('/api/objects/sample', { name: '青岛客户', phone: '0532-8888 6666', area: '370202' });
    const byPhone = await k.admin.list('sample', { filter: { field: 'phone', op: 'eq', value: '(0532)88886666' } });
    expect(byPhone.body.data.map((x: { name: string }) => x.name)).toEqual(['青岛客户']);
    const byProvince = await k.admin.list('sample', { filter: { field: 'area', op: 'eq', value: '37' }, sort: 'name' });
    expect(byProvince.body.data.length).toBe(2);
    const byTag = await k.admin.list('sample', { filter: { field: 'labels', op: 'contains', value: ['新客户'] } });
    expect(byTag.body.data.map((x: { name: string }) => x.name)).toEqual(['开乐专用车']);
  });

  test('Auto numbers are unique under concurrent creates', async () => {
    const rs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => k.admin.post('/api/objects/sample', { name: `并发${i}` })),
    );
    const codes = rs.map((r) => r.body.data.code);
    expect(new Set(codes).size).toBe(10);
  });

  test('Attachments: uploaded files are stored by content, downloadable only through a readable record, SVG never rendered', async () => {
    const form = new FormData();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    form.append('file', new Blob([svg], { type: 'image/svg+xml' }), '../../evil<img>.svg');
    const up = await fetch(`${k.baseUrl}/api/files`, {
      method: 'POST',
      body: form,
      headers: { cookie: k.admin.cookie!, 'x-csrf-token': k.admin.csrf! },
    });
    expect(up.status).toBe(201);
    const file = (await up.json()).data;
    expect(file.name).not.toContain('/');
    const rec = await k.admin.post('/api/objects/sample', { name: '带附件', files: [file.id] });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    const dl = await fetch(`${k.baseUrl}/api/objects/sample/${rec.body.data.id}/files/${file.id}?inline=true`, {
      headers: { cookie: k.admin.cookie! },
    });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/octet-stream');
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await dl.text()).toBe(svg);
    // Someone who cannot read the record cannot fetch the file, nor attach it by guessing its id.
    const other = await k.user({
      username: 'outsider',
      grants: { sample: { create: 'own', read: 'own', update: 'own' } },
    });
    const blocked = await other.api.get(`/api/objects/sample/${rec.body.data.id}/files/${file.id}`);
    expect(blocked.status).toBe(404);
    const steal = await other.api.post('/api/objects/sample', { name: '偷附件', files: [file.id] });
    expect(steal.status).toBe(400);
    expect(steal.body.error.fields.files).toBeDefined();
  });
});
