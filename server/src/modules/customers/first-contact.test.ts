import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';

// CUS-2 (nothing half-saved, field errors by label) for a customer created together with its first contact.
let k: TestKehu;

beforeAll(async () => {
  k = await startKehu();
}, 60_000);
afterAll(() => k?.close());

const named = async (object: string, field: string, value: string) =>
  (await k.admin.list(object, { filter: { field, op: 'eq', value } })).body.data as Array<Record<string, any>>;

describe('CUS-2 a customer with its first contact', () => {
  test('CUS-2 both are written in one request, the contact at the new customer, each with its history', async () => {
    const r = await k.admin.post('/api/customers/with-contact', {
      customer: { name: '济南城市环卫有限公司', type: 'direct' },
      contact: { name: '王建国', mobile: '138 1234 5678', title: '车队队长' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.data.name).toBe('济南城市环卫有限公司');
    expect(r.body.contact).toMatchObject({
      name: '王建国',
      mobile: '+8613812345678',
      customer: { id: r.body.data.id },
    });
    const contacts = await k.admin.get(`/api/objects/customer/${r.body.data.id}/related/contacts`);
    expect(contacts.body.data.map((c: { name: string }) => c.name)).toEqual(['王建国']);
    const history = await k.admin.get(`/api/objects/contact/${r.body.contact.id}/history`);
    expect(history.body.data.map((h: { action: string }) => h.action)).toEqual(['create']);
  });

  test('CUS-2 a bad contact names the contact field by label and writes nothing, not even the customer', async () => {
    const r = await k.admin.post('/api/customers/with-contact', {
      customer: { name: '淄博恒通环境服务有限公司', type: 'direct' },
      contact: { name: '李娜', mobile: '12345' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.fields).toEqual({ 'contact.mobile': 'invalidPhone' });
    expect(r.body.error.message).toContain('联系人·手机');
    expect(r.body.error.message).not.toContain('500');
    expect(await named('customer', 'name', '淄博恒通环境服务有限公司')).toEqual([]);
    expect(await named('contact', 'name', '李娜')).toEqual([]);

    const nameless = await k.admin.post('/api/customers/with-contact', {
      customer: { name: '淄博恒通环境服务有限公司' },
      contact: { mobile: '13912345678' },
    });
    expect(nameless.body.error.fields).toEqual({ 'contact.name': 'required' });
    expect(nameless.body.error.message).toContain('联系人·姓名');
    expect(await named('customer', 'name', '淄博恒通环境服务有限公司')).toEqual([]);
  });

  test('CUS-2 a bad customer is reported on its own fields; without a contact only the customer is written', async () => {
    const bad = await k.admin.post('/api/customers/with-contact', {
      customer: { name: '', type: 'direct' },
      contact: { name: '赵敏' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ name: 'required' });
    expect(await named('contact', 'name', '赵敏')).toEqual([]);

    const alone = await k.admin.post('/api/customers/with-contact', { customer: { name: '青岛港环卫服务公司' } });
    expect(alone.status).toBe(201);
    expect(alone.body.contact).toBeNull();
    const refused = await k.admin.post('/api/customers/with-contact', { customer: {}, contact: [], extra: 1 });
    expect(refused.status).toBe(400);
  });

  test('CUS-2 a user who may create customers but not contacts gets neither', async () => {
    const u = await k.user({
      username: 'cus2-no-contacts',
      grants: { customer: { create: 'own', read: 'own' }, contact: { read: 'own' } },
    });
    const r = await u.api.post('/api/customers/with-contact', {
      customer: { name: '烟台开发区城管局' },
      contact: { name: '孙强' },
    });
    expect(r.status).toBe(403);
    expect(await named('customer', 'name', '烟台开发区城管局')).toEqual([]);
  });
});
