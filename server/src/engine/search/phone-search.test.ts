import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../../test/harness.ts';

/**
 * Phones are stored in E.164 (`+8653286881234`) but people search for them the way they write them: a part of the
 * number, with or without the area code's 0, spaces or dashes. A caller who sees phones masked finds nothing by
 * them (SEC-14): a search is a filter, and repeated it would recover the number.
 */
let k: TestKehu;
let masked: ApiClient;
let qingdao: number;
let mobileCustomer: number;

const ids = async (api: ApiClient, query: Record<string, unknown>, object = 'customer') => {
  const r = await api.list(object, query);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data.map((x: { id: number }) => x.id);
};

beforeAll(async () => {
  k = await startKehu();
  const made = async (object: string, body: Record<string, unknown>) => {
    const r = await k.admin.post(`/api/objects/${object}`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data;
  };
  const landline = await made('customer', { name: '青岛港湾机械有限公司', phone: '0532-8688 1234' });
  expect(landline.phone).toBe('+8653286881234');
  qingdao = landline.id;
  mobileCustomer = (await made('customer', { name: '潍坊重工有限公司' })).id;
  await made('contact', { name: '孙经理', customer: mobileCustomer, mobile: '138 0642 1234' });
  // Decoys: other numbers with some of the same digits, in another order or another area.
  await made('customer', { name: '济南城建有限公司', phone: '0531-8688 4321' });
  await made('customer', { name: '上海远洋有限公司', phone: '021-6886 8812' });
  const u = await k.user({
    username: 'masked_li',
    grants: { customer: { read: 'all' }, contact: { read: 'all' } },
  });
  const roles = (await k.admin.get(`/api/objects/user/${u.id}`)).body.data.roles;
  await k.admin.patch(`/api/objects/role/${roles[0].id}`, {
    fieldRights: { customer: { phone: 'masked' }, contact: { mobile: 'masked' } },
  });
  masked = u.api;
});
afterAll(() => k?.close());

describe('CUS-3 a part of a phone number finds the record', () => {
  test('CUS-3 quick search (q) with the landline as written, without the 0, by its local part, with spaces or not', async () => {
    for (const q of ['0532-8688', '05328688', '8688 1234', '86881234', '0532 8688 1234', '+86 532 8688 1234'])
      expect(await ids(k.admin, { q }), q).toEqual([qingdao]);
  });

  test("CUS-3 quick search by part of a contact's mobile finds the customer and the contact", async () => {
    for (const q of ['138 0642', '1380642', '0642 1234', '13806421234'])
      expect(await ids(k.admin, { q }), q).toEqual([mobileCustomer]);
    const contacts = await k.admin.list('contact', { q: '138 0642' });
    expect(contacts.body.data.map((c: { name: string }) => c.name)).toEqual(['孙经理']);
  });

  test('CUS-3 global search finds the customer by a part of its number and shows the number as Chinese users write it', async () => {
    const r = await k.admin.get('/api/search?q=8688%201234');
    expect(r.status).toBe(200);
    const customers = r.body.data.find((g: { object: string }) => g.object === 'customer');
    expect(customers.records.map((x: { id: number }) => x.id)).toEqual([qingdao]);
    expect(customers.records[0].subtitle).toContain('0532-8688 1234');
  });

  test('CUS-3 fewer than four digits do not search phones (a code or a year would match everything)', async () => {
    expect(await ids(k.admin, { q: '868' })).toEqual([]);
  });

  test('CUS-2 contains / startsWith filters compare digits: national form with the 0, local part, mobile parts', async () => {
    const contains = (value: string) => ids(k.admin, { filter: { field: 'phone', op: 'contains', value } });
    for (const v of ['0532-8688', '86881234', '8688 1234', '0532 8688 1234'])
      expect(await contains(v), v).toEqual([qingdao]);
    const starts = (value: string) => ids(k.admin, { filter: { field: 'phone', op: 'startsWith', value } });
    expect(await starts('0532')).toEqual([qingdao]);
    expect(await starts('+86532')).toEqual([qingdao]);
    const mobile = (value: string) =>
      ids(k.admin, { filter: { field: 'mobile', op: 'contains', value } }, 'contact').then((x) => x.length);
    for (const v of ['138 0642', '1380642', '0642']) expect(await mobile(v), v).toBe(1);
    const none = await ids(k.admin, { filter: { field: 'phone', op: 'notContains', value: '8688' } });
    expect(none).not.toContain(qingdao);
    const bad = await k.admin.list('customer', { filter: { field: 'phone', op: 'contains', value: '电话' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_FILTER');
  });
});

describe('SEC-14 a masked phone is not searchable by parts either', () => {
  test('SEC-14 quick and global search find nothing by a masked number; a filter on it is refused', async () => {
    const seen = await masked.get(`/api/objects/customer/${qingdao}`);
    expect(seen.body.data.phone).toBe('+86532****1234');
    for (const q of ['8688 1234', '0532-8688', '1380642']) expect(await ids(masked, { q }), q).toEqual([]);
    const global = await masked.get('/api/search?q=8688%201234');
    expect(global.body.data).toEqual([]);
    const r = await masked.list('customer', { filter: { field: 'phone', op: 'contains', value: '0532-8688' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('MASKED_FIELD');
    // The records themselves are readable, by name.
    expect(await ids(masked, { q: '青岛港湾' })).toEqual([qingdao]);
  });
});
