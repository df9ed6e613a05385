import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { modules } from '../index.ts';
import { isValidCreditCode } from './credit-code.ts';
import { demoPoolDays } from './pool-demo.ts';
import { returnInactiveCustomers } from './pool-return.job.ts';

let k: TestKehu;

beforeAll(async () => {
  // Passing the module list loads their demo data, as `npm start` does on an empty database.
  k = await startKehu({ modules });
}, 120_000);
afterAll(() => k?.close());

const day = 86_400_000;
const count = async (object: string, filter?: unknown) => {
  const r = await k.admin.list(object, { count: 'true', limit: '1', ...(filter ? { filter } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.total as number;
};

describe('CUS demo data', () => {
  test('CUS-1 the demo company: offices in several provinces, about 2,000 customers of every type with contacts', async () => {
    const customers = await count('customer');
    expect(customers).toBeGreaterThanOrEqual(1950);
    expect(customers).toBeLessThanOrEqual(2050);
    for (const type of ['direct', 'dealer', 'prospect', 'competitor', 'partner']) {
      expect(await count('customer', { field: 'type', op: 'eq', value: type }), type).toBeGreaterThan(0);
    }
    const contacts = await count('contact');
    expect(contacts).toBeGreaterThan(customers);
    expect(contacts).toBeLessThanOrEqual(customers * 4);
    const db = k.kehu.engine.db;
    const perCustomer = await sql<{
      min: number;
      max: number;
      none: number;
    }>`select min(n)::int as min, max(n)::int as max,
        (select count(*)::int from obj_customer c where not exists (select 1 from obj_contact x where x.customer_id = c.id)) as none
      from (select count(*) as n from obj_contact group by customer_id) g`.execute(db);
    expect(perCustomer.rows[0]).toEqual({ min: 1, max: 4, none: 0 });
    const provinces = await sql<{
      n: number;
    }>`select count(distinct region_province)::int as n from obj_customer`.execute(db);
    expect(provinces.rows[0].n).toBeGreaterThanOrEqual(8);
    const months = await sql<{
      n: number;
    }>`select count(distinct extract(month from birthday))::int as n from obj_contact`.execute(db);
    expect(months.rows[0].n).toBe(12);
  });

  test('CUS-2 demo records obey the rules: dealers have a valid credit code and a region; phones are E.164', async () => {
    const db = k.kehu.engine.db;
    const dealers = await sql<{ credit_code: string | null; region_province: string | null }>`select credit_code,
        region_province from obj_customer where type = 'dealer'`.execute(db);
    expect(dealers.rows.length).toBeGreaterThan(50);
    for (const d of dealers.rows) {
      expect(d.region_province).not.toBeNull();
      expect(isValidCreditCode(d.credit_code ?? '')).toBe(true);
    }
    const codes = await sql<{
      credit_code: string;
    }>`select credit_code from obj_customer where credit_code is not null`.execute(db);
    expect(codes.rows.every((c) => isValidCreditCode(c.credit_code))).toBe(true);
    const phones = await sql<{
      n: number;
    }>`select count(*)::int as n from obj_customer where phone !~ '^\\+86\\d{9,11}$'`.execute(db);
    expect(phones.rows[0].n).toBe(0);
  });

  test('SEC-10 every demo record has its version 1 history entry', async () => {
    const db = k.kehu.engine.db;
    const missing = await sql<{ n: number }>`select count(*)::int as n from obj_customer c where not exists
      (select 1 from sys_history h where h.object = 'customer' and h.record_id = c.id and h.version = 1)`.execute(db);
    expect(missing.rows[0].n).toBe(0);
    const any = await k.admin.list('customer', { limit: '1' });
    const h = await k.admin.get(`/api/objects/customer/${any.body.data[0].id}/history`);
    expect(h.status).toBe(200);
    expect(h.body.data[0]).toMatchObject({ version: 1, action: 'create' });
  });

  test('SEC-1 demo people sit in a department tree, report to managers, and cannot sign in without a password', async () => {
    const offices = await count('department', { field: 'kind', op: 'eq', value: 'office' });
    expect(offices).toBeGreaterThanOrEqual(10);
    const users = await k.admin.list('user', { count: 'true', limit: '100' });
    expect(users.body.total).toBeGreaterThanOrEqual(20);
    const demo = users.body.data.filter((u: { username: string }) => u.username !== 'admin');
    expect(demo.every((u: { department: unknown }) => u.department)).toBe(true);
    expect(demo.filter((u: { manager: unknown }) => !u.manager)).toHaveLength(1);
    const login = await new ApiClient(k.baseUrl).login(demo[0].username, '');
    expect(login.status).not.toBe(200);
  });

  test('CUS-3 and CUS-5 the demo data can be searched, and its near-duplicates are found', async () => {
    const jinan = await k.admin.list('customer', { q: '济南', limit: '5' });
    expect(jinan.body.data.length).toBeGreaterThan(0);
    const db = k.kehu.engine.db;
    // The pairs that share a phone or a credit code are the planted duplicates.
    const pairs = await sql<{
      name: string;
      phone: string | null;
      id: string;
    }>`select a.name, a.phone, a.id from obj_customer a
      join obj_customer b on b.id > a.id and (b.phone = a.phone or b.credit_code = a.credit_code) limit 5`.execute(db);
    expect(pairs.rows.length).toBeGreaterThan(0);
    for (const p of pairs.rows) {
      const r = await k.admin.post('/api/customers/duplicates', {
        name: p.name,
        phone: p.phone,
        excludeId: Number(p.id),
      });
      expect(r.body.data.length, p.name).toBeGreaterThan(0);
    }
  });

  test('CUS-7 TEAM-5 the demo is dated around today: recent contacts, a pool of long-idle customers, only a handful due', async () => {
    const db = k.kehu.engine.db;
    const dates = await sql<{
      future: number;
      oldest: Date;
      latest: Date;
      owned: number;
      recent: number;
    }>`select count(*) filter (where created_at > now() or last_contact_at > now())::int as future,
        min(created_at) as oldest, max(last_contact_at) as latest,
        count(*) filter (where not in_pool)::int as owned,
        count(*) filter (where not in_pool and last_contact_at > now() - interval '60 days')::int as recent
      from obj_customer`.execute(db);
    const d = dates.rows[0];
    expect(d.future).toBe(0);
    // Customers of the last three years (company groups a little longer), contacted up to the last few days.
    expect(Date.now() - d.oldest.getTime()).toBeGreaterThan(900 * day);
    expect(Date.now() - d.oldest.getTime()).toBeLessThan(1130 * day);
    expect(Date.now() - d.latest.getTime()).toBeLessThan(4 * day);
    expect(d.recent / d.owned).toBeGreaterThan(0.8);
    // The pool holds what its rule returned before today: customers idle for longer than its days.
    const rules = await k.admin.list('customerPoolRule', { filter: { field: 'name', op: 'eq', value: '公司公海' } });
    expect(rules.body.data[0]).toMatchObject({ returnAfterDays: demoPoolDays, customerTypes: ['direct', 'prospect'] });
    const pooled = await count('customer', { field: 'inPool', op: 'eq', value: true });
    expect(pooled).toBeGreaterThan(20);
    expect(pooled).toBeLessThan(150);
    const fresh = await sql<{ n: number }>`select count(*)::int as n from obj_customer
      where in_pool and coalesce(last_contact_at, created_at) > now() - make_interval(days => ${demoPoolDays})`.execute(
      db,
    );
    expect(fresh.rows[0].n).toBe(0);
    // The workbench's "3 months without contact": a few to follow up, not a large part of the customers.
    const wb = await k.admin.get('/api/workbench?sections=noContact');
    expect(wb.status).toBe(200);
    expect(wb.body.data.sections[0].total).toBeLessThanOrEqual(20);
    // Pool customers are nobody's to follow up (they are idle for longer still).
    expect(wb.body.data.sections[0].items.some((c: { inPool: boolean }) => c.inPool)).toBe(false);
    const customers = await count('customer');
    expect(wb.body.data.sections[0].total / customers).toBeLessThan(0.01);
  });

  // Last: it moves customers into the pool.
  test('CUS-7 tonight the return job takes at most a handful, and a week later only a few more (nothing ages at once)', async () => {
    const tonight = await returnInactiveCustomers(k.kehu.engine);
    expect(tonight).toBeLessThanOrEqual(5);
    const week = await returnInactiveCustomers(k.kehu.engine, new Date(Date.now() + 7 * day));
    expect(week).toBeGreaterThan(0);
    expect(week).toBeLessThanOrEqual(40);
  });
});
