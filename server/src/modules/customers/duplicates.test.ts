import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { creditCodeCheck } from './credit-code.ts';

let k: TestKehu;
let huayu: { id: number; code: string };
let contactId: number;
const huayuCode = '91370100MA3C5XQ1X' + creditCodeCheck('91370100MA3C5XQ1X');

beforeAll(async () => {
  k = await startKehu();
  const r = await k.admin.post('/api/objects/customer', {
    name: '济南华宇物流有限公司',
    phone: '0531-88886666',
    email: 'info@huayu.example.com',
    creditCode: huayuCode,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  huayu = r.body.data;
  await k.admin.post('/api/objects/customer', { name: '青岛鼎盛环卫工程有限公司', phone: '0532-66668888' });
  await k.admin.post('/api/objects/customer', { name: '华宇物流集团有限公司' });
  const c = await k.admin.post('/api/objects/contact', {
    name: '王建国',
    customer: huayu.id,
    mobile: '13812345678',
    email: 'wjg@huayu.example.com',
  });
  contactId = c.body.data.id;
});
afterAll(() => k?.close());

const check = (body: Record<string, unknown>, api = k.admin) => api.post('/api/customers/duplicates', body);

describe('CUS-5 duplicate check', () => {
  test('CUS-5 the same credit code is a certain duplicate, whatever the name', async () => {
    const r = await check({ name: '完全不同的名字', creditCode: huayuCode.toLowerCase() });
    expect(r.status).toBe(200);
    expect(r.body.data[0]).toMatchObject({
      id: huayu.id,
      name: '济南华宇物流有限公司',
      score: 1,
      reasons: ['sameCreditCode'],
    });
    expect(r.body.data[0].owner).toMatchObject({ label: '系统管理员' });
    expect(r.body.data[0].code).toBe(huayu.code);
  });

  test('CUS-5 the same phone or email, written differently', async () => {
    const phone = await check({ phone: '0531 8888 6666' });
    expect(phone.body.data).toEqual([expect.objectContaining({ id: huayu.id, reasons: ['samePhone'], score: 0.8 })]);
    const email = await check({ email: 'info@HUAYU.example.com' });
    expect(email.body.data).toEqual([expect.objectContaining({ id: huayu.id, reasons: ['sameEmail'] })]);
  });

  test('CUS-5 similar names: place, brackets, company form and homophones do not hide a duplicate', async () => {
    for (const name of ['华宇物流（济南）有限公司', '山东华宇物流有限责任公司', '济南华雨物流有限公司', '华宇物流']) {
      const r = await check({ name });
      const ids = r.body.data.map((c: { id: number }) => c.id);
      expect(ids, name).toContain(huayu.id);
      const hit = r.body.data.find((c: { id: number }) => c.id === huayu.id);
      expect(hit.reasons, name).toEqual(['similarName']);
      expect(hit.score).toBeGreaterThanOrEqual(0.5);
      expect(hit.score).toBeLessThanOrEqual(0.9);
    }
    const unrelated = await check({ name: '青岛鼎盛环卫工程有限公司', excludeId: 0 });
    expect(unrelated.body.data.map((c: { name: string }) => c.name)).toEqual(['青岛鼎盛环卫工程有限公司']);
    expect((await check({ name: '完全无关的公司' })).body.data).toEqual([]);
  });

  test('CUS-5 more reasons give a higher score; candidates are ordered by score; excludeId leaves the record out', async () => {
    const r = await check({ name: '华宇物流有限公司', phone: '053188886666', creditCode: huayuCode });
    expect(r.body.data[0]).toMatchObject({ id: huayu.id, score: 1 });
    expect(r.body.data[0].reasons.sort()).toEqual(['sameCreditCode', 'samePhone', 'similarName'].sort());
    const scores = r.body.data.map((c: { score: number }) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const two = await check({ name: '华宇物流', phone: '0531-88886666' });
    const nameOnly = await check({ name: '华宇物流' });
    const s2 = two.body.data.find((c: { id: number }) => c.id === huayu.id).score;
    const s1 = nameOnly.body.data.find((c: { id: number }) => c.id === huayu.id).score;
    expect(s2).toBeGreaterThan(s1);
    const self = await check({ name: '济南华宇物流有限公司', excludeId: huayu.id });
    expect(self.body.data.map((c: { id: number }) => c.id)).not.toContain(huayu.id);
  });

  test('CUS-5 a duplicate the caller may not read is reported without its details (撞单)', async () => {
    const sales = await k.user({
      username: 'dup-sales',
      grants: { customer: { read: 'own', create: 'own' }, contact: { read: 'own', create: 'own' } },
    });
    const r = await check({ name: '华宇物流（济南）有限公司', phone: '0531-88886666' }, sales.api);
    expect(r.status).toBe(200);
    const hit = r.body.data[0];
    expect(hit).toMatchObject({
      id: null,
      code: null,
      restricted: true,
      owner: { label: '系统管理员' },
      reasons: expect.arrayContaining(['samePhone', 'similarName']),
    });
    expect(hit.name).not.toBe('济南华宇物流有限公司');
    expect(hit.name).toMatch(/^济南\*+公司$/);
    expect(Date.parse(hit.ownerSince)).not.toBeNaN();
    expect(JSON.stringify(r.body)).not.toContain(String(huayu.code));
  });

  test('CUS-5 contacts: the same mobile or email anywhere, a similar name at the same customer', async () => {
    const mobile = await k.admin.post('/api/contacts/duplicates', { name: '张三', mobile: '138 1234 5678' });
    expect(mobile.body.data).toEqual([
      expect.objectContaining({
        id: contactId,
        name: '王建国',
        reasons: ['samePhone'],
        customer: expect.objectContaining({ id: huayu.id }),
      }),
    ]);
    const name = await k.admin.post('/api/contacts/duplicates', { name: '王 建国', customer: huayu.id });
    expect(name.body.data).toEqual([expect.objectContaining({ id: contactId, reasons: ['similarName'], score: 0.9 })]);
    const elsewhere = await k.admin.post('/api/contacts/duplicates', { name: '王建国', customer: huayu.id + 1000 });
    expect(elsewhere.body.data).toEqual([]);
    const email = await k.admin.post('/api/contacts/duplicates', {
      email: 'wjg@huayu.example.com',
      excludeId: contactId,
    });
    expect(email.body.data).toEqual([]);
  });

  test('CUS-5 unknown body keys are refused', async () => {
    const r = await check({ name: '华宇', owner: 1 });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('UNKNOWN_PARAMETER');
  });
});
