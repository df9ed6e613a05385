import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../test/harness.ts';
import { createProcess, plainStages } from '../modules/sales/test-kit.ts';

/**
 * Issue 12, findings 1–4: a relation is never a way around access. Salesperson A (own records) against a customer
 * of salesperson B; the administrator links A's records to B's customer, as real data does (a contact who moved,
 * an opportunity handed over).
 */
let k: TestKehu;
let a: { id: number; api: ApiClient };
let bCustomer: number;
let aCustomer: number;
let aContactOfB: number;
let stage: number;
const own = { create: 'own', read: 'own', update: 'own', delete: 'own' } as const;
const secretNote = 'B-NOTE-7731';

beforeAll(async () => {
  k = await startKehu();
  const grants = {
    customer: own,
    contact: own,
    opportunity: own,
    user: { read: 'all' },
    salesProcess: { read: 'all' },
    salesStage: { read: 'all' },
  } as const;
  stage = (await createProcess(k.admin, '标准流程', plainStages, true)).stages[0];
  a = await k.user({ username: 'sales_a', grants });
  const b = await k.user({ username: 'sales_b', grants });
  // A sees phones masked and never the credit limit.
  const roles = (await k.admin.get(`/api/objects/user/${a.id}`)).body.data.roles;
  await k.admin.patch(`/api/objects/role/${roles[0].id}`, {
    fieldRights: { customer: { phone: 'masked', creditLimit: 'hidden' } },
  });
  const made = async (object: string, body: Record<string, unknown>) => {
    const r = await k.admin.post(`/api/objects/${object}`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data.id as number;
  };
  bCustomer = await made('customer', {
    name: '乙方机密客户有限公司',
    notes: secretNote,
    industry: 'logistics',
    creditLimit: '7654321.00',
    phone: '13812345678',
    owner: b.id,
  });
  aCustomer = await made('customer', {
    name: '甲方客户有限公司',
    phone: '13900001111',
    owner: a.id,
    parent: bCustomer,
  });
  aContactOfB = await made('contact', { name: '甲的联系人', customer: bCustomer, owner: a.id });
  await made('opportunity', { name: '甲的商机', customer: bCustomer, stage, owner: a.id, amount: '100000' });
});
afterAll(() => k?.close());

const noLeak = (body: unknown) => {
  const text = JSON.stringify(body);
  expect(text).not.toContain('乙方机密客户');
  expect(text).not.toContain(secretNote);
  expect(text).not.toContain('7654321');
};

describe('SEC-2 writing a reference requires read access to its target', () => {
  test('SEC-2 a contact, an opportunity, a parent customer pointing at an unreadable customer are refused like a missing id', async () => {
    for (const [object, body] of [
      ['contact', { name: '新联系人', customer: bCustomer }],
      ['opportunity', { name: '新商机', customer: bCustomer, stage }],
      ['customer', { name: '新客户有限公司', parent: bCustomer }],
    ] as const) {
      const r = await a.api.post(`/api/objects/${object}`, body);
      const ref = 'parent' in body ? 'parent' : 'customer';
      const missing = await a.api.post(`/api/objects/${object}`, { ...body, [ref]: 987654321 });
      expect(r.status, object).toBe(400);
      expect(r.body.error.fields, object).toEqual(missing.body.error.fields);
      expect(Object.values(r.body.error.fields)).toEqual(['notFound']);
      noLeak(r.body);
    }
  });

  test('SEC-2 moving one of my contacts to an unreadable customer is refused', async () => {
    const mine = await a.api.post('/api/objects/contact', { name: '我的联系人', customer: aCustomer });
    expect(mine.status).toBe(201);
    const moved = await a.api.patch(`/api/objects/contact/${mine.body.data.id}`, { customer: bCustomer });
    expect(moved.status).toBe(400);
    expect(moved.body.error.fields).toEqual({ customer: 'notFound' });
  });
});

describe('SEC-2 labels of unreadable records are withheld', () => {
  test('SEC-2 get, list and write responses show an unreadable customer as restricted, without its name', async () => {
    const get = await a.api.get(`/api/objects/contact/${aContactOfB}`);
    expect(get.status).toBe(200);
    expect(get.body.data.customer).toEqual({ id: bCustomer, label: null, restricted: true });
    const list = await a.api.list('contact', {});
    expect(list.body.data.find((c: { id: number }) => c.id === aContactOfB).customer.restricted).toBe(true);
    const patched = await a.api.patch(`/api/objects/contact/${aContactOfB}`, { title: '采购经理' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.data.customer).toEqual({ id: bCustomer, label: null, restricted: true });
    const parent = await a.api.get(`/api/objects/customer/${aCustomer}`);
    expect(parent.body.data.parent).toEqual({ id: bCustomer, label: null, restricted: true });
    for (const body of [get.body, list.body, patched.body, parent.body]) noLeak(body);
  });

  test('SEC-2 the administrator still sees the label', async () => {
    const get = await k.admin.get(`/api/objects/contact/${aContactOfB}`);
    expect(get.body.data.customer).toEqual({ id: bCustomer, label: '乙方机密客户有限公司' });
  });
});

describe('SEC-2 filters, sorts, groups and measures through a relation carry the target scope', () => {
  test('SEC-2 a filter on customer.notes answers nothing about an unreadable customer', async () => {
    for (const [object, path] of [
      ['contact', 'customer.notes'],
      ['customer', 'parent.notes'],
      ['opportunity', 'customer.notes'],
    ]) {
      const yes = await a.api.list(object, { filter: { field: path, op: 'contains', value: 'B-NOTE' }, count: true });
      expect(yes.status, path).toBe(200);
      expect(yes.body.total, path).toBe(0);
      const empty = await a.api.list(object, { filter: { field: path, op: 'isEmpty' }, count: true });
      expect(empty.status, path).toBe(200);
    }
  });

  test('SEC-2 sorting by a field of an unreadable customer sees no value', async () => {
    const r = await a.api.list('opportunity', { sort: 'customer.name' });
    expect(r.status).toBe(200);
    noLeak(r.body);
  });

  test('SEC-2 group keys and measures through a relation see an unreadable target as empty', async () => {
    const byIndustry = await a.api.get('/api/objects/opportunity/group?by=customer.industry');
    expect(byIndustry.status, JSON.stringify(byIndustry.body)).toBe(200);
    expect(byIndustry.body.data).toEqual([expect.objectContaining({ key: { 'customer.industry': null }, count: 1 })]);
    const byCustomer = await a.api.get('/api/objects/opportunity/group?by=customer');
    expect(byCustomer.body.data[0].key.customer).toEqual({ id: bCustomer, label: null, restricted: true });
    const measured = await k.admin.patch(`/api/objects/role/${(await rolesOf(a.id))[0].id}`, {
      fieldRights: { customer: { phone: 'masked' } },
    });
    expect(measured.status).toBe(200);
    const sum = await a.api.get('/api/objects/opportunity/group?by=status&measures=sum:customer.creditLimit');
    expect(sum.status, JSON.stringify(sum.body)).toBe(200);
    expect(sum.body.totals['sum:customer.creditLimit']).toBe('0.00');
    const bisect = await a.api.list('opportunity', {
      filter: { field: 'customer.creditLimit', op: 'gt', value: 1000000 },
      count: true,
    });
    expect(bisect.body.total).toBe(0);
    for (const body of [byIndustry.body, byCustomer.body, sum.body]) noLeak(body);
    await k.admin.patch(`/api/objects/role/${(await rolesOf(a.id))[0].id}`, {
      fieldRights: { customer: { phone: 'masked', creditLimit: 'hidden' } },
    });
  });

  test('SEC-3 a hidden field is unknown through a relation too', async () => {
    const g = await a.api.get('/api/objects/opportunity/group?by=customer.creditLimit');
    expect(g.status).toBe(400);
    expect(g.body.error.code).toBe('UNKNOWN_FIELD');
    const m = await a.api.get('/api/objects/opportunity/group?by=status&measures=sum:customer.creditLimit');
    expect(m.body.error.code).toBe('UNKNOWN_FIELD');
    const f = await a.api.list('opportunity', { filter: { field: 'customer.creditLimit', op: 'gt', value: 0 } });
    expect(f.body.error.code).toBe('UNKNOWN_FIELD');
  });
});

describe('SEC-14 a masked field is no oracle', () => {
  test('SEC-14 a masked phone cannot be filtered, sorted, grouped or searched, on own rows or through a relation', async () => {
    const mine = await a.api.get(`/api/objects/customer/${aCustomer}`);
    expect(mine.body.data.phone).toBe('+86139****1111');
    const refusals = [
      await a.api.list('customer', { filter: { field: 'phone', op: 'contains', value: '+861390' } }),
      await a.api.list('customer', { filter: { field: 'phone', op: 'eq', value: '+8613900001111' } }),
      await a.api.list('customer', { sort: 'phone' }),
      await a.api.get('/api/objects/customer/group?by=phone'),
      await a.api.get('/api/objects/customer/group?by=type&measures=max:phone'),
      await a.api.list('contact', { filter: { field: 'customer.phone', op: 'startsWith', value: '+86138' } }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('MASKED_FIELD');
      expect(r.body.error.message).toContain('电话');
    }
    const searched = await a.api.list('customer', { q: '13900001111' });
    expect(searched.status).toBe(200);
    expect(searched.body.data).toEqual([]);
    // The administrator, who sees the number, still finds it.
    const admin = await k.admin.list('customer', { q: '13900001111' });
    expect(admin.body.data.map((c: { id: number }) => c.id)).toContain(aCustomer);
  });
});

async function rolesOf(userId: number): Promise<Array<{ id: number }>> {
  return (await k.admin.get(`/api/objects/user/${userId}`)).body.data.roles;
}
