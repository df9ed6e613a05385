import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { creditCodeCheck } from './credit-code.ts';

let k: TestKehu;
const code = (first17: string) => first17 + creditCodeCheck(first17);

beforeAll(async () => {
  k = await startKehu();
});
afterAll(() => k?.close());

describe('CUS-1 customer and contact records', () => {
  test('CUS-1 a customer with every field of the record, and its contact', async () => {
    const parent = await k.admin.post('/api/objects/customer', { name: '华宇物流集团有限公司', type: 'direct' });
    expect(parent.status, JSON.stringify(parent.body)).toBe(201);
    const c = await k.admin.post('/api/objects/customer', {
      name: '济南华宇物流有限公司',
      shortName: '华宇物流',
      type: 'direct',
      industry: 'logistics',
      region: '山东省 济南市 历下区',
      attribute: 'private',
      category: 'fleet',
      level: 'A',
      source: 'exhibition',
      address: { province: '山东省', city: '济南市', district: '历下区', street: '经十路 100 号' },
      postcode: '250014',
      phone: '0531-8888 6666',
      fax: '0531-88886667',
      website: 'https://www.huayu.example.com',
      email: 'info@huayu.example.com',
      creditCode: code('91370100MA3C5XQ1X').toLowerCase(),
      parent: parent.body.data.id,
      creditRating: 'AA',
      creditLimit: '500000',
      valueRating: 'high',
      relationshipLevel: 'good',
      tags: ['重点跟进'],
      notes: '冷链车需求',
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const d = c.body.data;
    expect(d.code).toMatch(/^KH\d{4}\d{6}$/);
    expect(d).toMatchObject({
      name: '济南华宇物流有限公司',
      type: 'direct',
      phone: '+8653188886666',
      creditCode: code('91370100MA3C5XQ1X'),
      region: { province: '37', city: '3701', district: '370102' },
      parent: { id: parent.body.data.id, label: '华宇物流集团有限公司' },
      creditLimit: '500000.00',
      inPool: false,
      owner: { label: '系统管理员' },
    });
    expect(d.ownerSince).toBeTruthy();
    // Search shadows are storage, never part of the record.
    expect(Object.keys(d).some((key) => /_py|_bg|Py$/.test(key))).toBe(false);

    const contact = await k.admin.post('/api/objects/contact', {
      name: '王建国',
      customer: d.id,
      gender: 'male',
      mobile: '138 1234 5678',
      email: 'wangjianguo@huayu.example.com',
      department: '车队',
      title: '车队队长',
      decisionRole: 'decisionMaker',
      birthday: '1975-12-08',
      lunarBirthday: '腊月初八',
      hobbies: '钓鱼',
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    expect(contact.body.data).toMatchObject({ mobile: '+8613812345678', customer: { id: d.id } });
    const report = await k.admin.post('/api/objects/contact', {
      name: '李娜',
      customer: d.id,
      decisionRole: 'purchaser',
      reportsTo: contact.body.data.id,
    });
    expect(report.status).toBe(201);
    const subs = await k.admin.get(`/api/objects/customer/${parent.body.data.id}/related/subsidiaries`);
    expect(subs.status).toBe(200);
    expect(subs.body.data.map((x: { id: number }) => x.id)).toEqual([d.id]);
  });

  test('CUS-1 a new owner restarts "owner since"', async () => {
    const c = await k.admin.post('/api/objects/customer', { name: '淄博恒通环境服务有限公司' });
    const other = await k.user({ username: 'cus1-owner', grants: { customer: { read: 'own' } } });
    await new Promise((r) => setTimeout(r, 20));
    const u = await k.admin.patch(`/api/objects/customer/${c.body.data.id}`, { owner: other.id });
    expect(u.status, JSON.stringify(u.body)).toBe(200);
    expect(Date.parse(u.body.data.ownerSince)).toBeGreaterThan(Date.parse(c.body.data.ownerSince));
    const same = await k.admin.patch(`/api/objects/customer/${c.body.data.id}`, { notes: '改备注不改负责人' });
    expect(same.body.data.ownerSince).toBe(u.body.data.ownerSince);
  });
});

describe('CUS-2 validation', () => {
  test('CUS-2 an invalid phone, email, credit code, region and postcode are refused, each field named', async () => {
    const r = await k.admin.post('/api/objects/customer', {
      name: '坏数据有限公司',
      phone: '12345',
      email: 'not-an-email',
      region: '不存在省',
      postcode: '2500',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.fields).toMatchObject({
      phone: 'invalidPhone',
      email: 'invalidEmail',
      region: 'invalidRegion',
    });
    const cc = await k.admin.post('/api/objects/customer', {
      name: '坏代码有限公司',
      creditCode: '91350100M000100Y44',
      postcode: '2500',
    });
    expect(cc.status).toBe(400);
    expect(cc.body.error.fields).toEqual({ creditCode: 'invalidCreditCode', postcode: 'format' });
    expect(cc.body.error.message).toContain('统一社会信用代码');
    expect(cc.body.error.message).not.toContain('creditCode');
    const list = await k.admin.list('customer', { q: '坏' });
    expect(list.body.data).toHaveLength(0);
  });

  test('CUS-2 the name is always required; a dealer also needs a credit code and a region (DLR-1)', async () => {
    const noName = await k.admin.post('/api/objects/customer', { type: 'prospect' });
    expect(noName.body.error.fields).toEqual({ name: 'required' });
    const dealer = await k.admin.post('/api/objects/customer', { name: '潍坊鼎盛汽车贸易有限公司', type: 'dealer' });
    expect(dealer.status).toBe(400);
    expect(dealer.body.error.fields).toEqual({ creditCode: 'required', region: 'required' });
    // A module's rule names the fields by their labels too (the API names stay in `fields`).
    expect(dealer.body.error.message).toMatch(/统一社会信用代码：.*，.*：/);
    expect(dealer.body.error.message).not.toMatch(/creditCode|region/);
    const ok = await k.admin.post('/api/objects/customer', {
      name: '潍坊鼎盛汽车贸易有限公司',
      type: 'dealer',
      creditCode: code('91370700MA3D00001'),
      region: '山东省 潍坊市',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    // Clearing what a dealer needs is refused; turning a prospect into a dealer checks the stored values.
    const clear = await k.admin.patch(`/api/objects/customer/${ok.body.data.id}`, { region: null });
    expect(clear.body.error.fields).toEqual({ region: 'required' });
    const p = await k.admin.post('/api/objects/customer', { name: '临沂宏达物流有限公司', type: 'prospect' });
    const promote = await k.admin.patch(`/api/objects/customer/${p.body.data.id}`, { type: 'dealer' });
    expect(promote.body.error.fields).toEqual({ creditCode: 'required', region: 'required' });
  });

  test('DLR-1 a dealer is a customer of type dealer: same object, listed by type', async () => {
    const dealers = await k.admin.list('customer', { filter: { field: 'type', op: 'eq', value: 'dealer' } });
    expect(dealers.status).toBe(200);
    expect(dealers.body.data.map((x: { name: string }) => x.name)).toEqual(['潍坊鼎盛汽车贸易有限公司']);
    const meta = await k.admin.get('/api/metadata/objects/customer');
    const type = meta.body.data.fields.find((f: { name: string }) => f.name === 'type');
    expect(type.options.map((o: { value: string }) => o.value)).toEqual([
      'direct',
      'dealer',
      'prospect',
      'competitor',
      'partner',
    ]);
  });

  test('CUS-10 a contact needs its customer; a lunar birthday must read like one', async () => {
    const c = await k.admin.post('/api/objects/contact', { name: '赵六' });
    expect(c.body.error.fields).toEqual({ customer: 'required' });
    const cust = await k.admin.post('/api/objects/customer', { name: '烟台金源石化有限公司' });
    const bad = await k.admin.post('/api/objects/contact', {
      name: '赵六',
      customer: cust.body.data.id,
      lunarBirthday: '十三月初一',
    });
    expect(bad.body.error.fields).toEqual({ lunarBirthday: 'format' });
    const good = await k.admin.post('/api/objects/contact', {
      name: '赵六',
      customer: cust.body.data.id,
      lunarBirthday: '闰四月廿三',
    });
    expect(good.status).toBe(201);
  });
});
