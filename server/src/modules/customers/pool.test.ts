import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { transaction } from '../../engine/context.ts';
import { contact, customer, department, type Person, poolIds, poolRule, salesGrants } from './ownership-test-kit.ts';
import { seedPoolDemo } from './pool-demo.ts';
import { poolReturnCron, poolReturnJob, returnInactiveCustomers } from './pool-return.job.ts';

let k: TestKehu;
let east: number;
let eastJinan: number;
let north: number;
let rule: number;
let li: Person;
let wang: Person;
let zhao: Person;

beforeAll(async () => {
  k = await startKehu();
  const sales = await department(k, '销售部');
  east = await department(k, '华东大区', sales);
  eastJinan = await department(k, '济南办事处', east);
  north = await department(k, '华北大区', sales);
  rule = await poolRule(k, { name: '华东公海', department: east, returnAfterDays: 30 });
  li = await k.user({ username: 'li', department: eastJinan, grants: salesGrants });
  wang = await k.user({ username: 'wang', department: east, grants: salesGrants });
  zhao = await k.user({ username: 'zhao', department: north, grants: salesGrants });
});
afterAll(() => k?.close());

describe('CUS-7 the shared pool (公海)', () => {
  test('CUS-7 a released customer is readable by the salespeople the pool serves (read-only), not by others', async () => {
    const id = await customer(li.api, '青岛远航冷链物流有限公司');
    const r = await li.api.post(`/api/customers/${id}/release`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ inPool: true, owner: null, lastOwner: { id: li.id }, pool: { id: rule } });
    // The pool serves 华东 and its offices: wang (华东) and li (济南, below it) see it; zhao (华北) does not.
    expect(await poolIds(wang.api)).toContain(id);
    expect(await poolIds(li.api)).toContain(id);
    expect(await poolIds(zhao.api)).not.toContain(id);
    expect((await zhao.api.get(`/api/objects/customer/${id}`)).status).toBe(404);
    // Seeing is not owning: the share is read-only.
    expect((await wang.api.patch(`/api/objects/customer/${id}`, { notes: '我的' })).status).toBe(403);
    // Only the pool customers: wang's own list has nothing else of li's.
    const all = await wang.api.list('customer', { limit: 500 });
    expect(all.body.data.every((c: { inPool: boolean }) => c.inPool)).toBe(true);
  });

  test('CUS-7 claiming makes the claimer the owner, takes the share back and brings the contacts along', async () => {
    const id = await customer(li.api, '烟台海丰环卫工程有限公司');
    const person = await contact(li.api, id, '孙海');
    expect((await li.api.post(`/api/customers/${id}/release`, {})).status).toBe(200);
    expect((await zhao.api.post(`/api/customers/${id}/claim`)).status).toBe(404);
    const r = await wang.api.post(`/api/customers/${id}/claim`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ inPool: false, owner: { id: wang.id }, pool: null, lastOwner: { id: li.id } });
    expect((await wang.api.get(`/api/objects/contact/${person}`)).body.data.owner).toMatchObject({ id: wang.id });
    // Out of the pool for everyone else; the former owner no longer sees it either.
    expect(await poolIds(li.api)).not.toContain(id);
    expect((await li.api.get(`/api/objects/customer/${id}`)).status).toBe(404);
    const again = await wang.api.post(`/api/customers/${id}/claim`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CUSTOMER_NOT_IN_POOL');
    const history = await wang.api.get(`/api/objects/customer/${id}/history`);
    const claim = history.body.data[0];
    expect(claim.actor).toMatchObject({ id: wang.id });
    expect(claim.changes.owner).toEqual([null, expect.objectContaining({ id: wang.id })]);
    const claims = await k.admin.list('customerPoolClaim', { filter: { field: 'customer', op: 'eq', value: id } });
    expect(claims.body.data).toEqual([expect.objectContaining({ owner: expect.objectContaining({ id: wang.id }) })]);
  });

  test('CUS-7 claim limits per person: customers held, and claims per day', async () => {
    const dept = await department(k, '上海办事处', east);
    const limited = await poolRule(k, { name: '上海公海', department: dept, maxHeld: 3, maxClaimsPerDay: 2 });
    const zhou = await k.user({ username: 'zhou', department: dept, grants: salesGrants });
    const sun = await k.user({ username: 'sun', department: dept, grants: salesGrants });
    const pooled: number[] = [];
    for (const name of ['上海甲运输有限公司', '上海乙运输有限公司', '上海丙运输有限公司', '上海丁运输有限公司']) {
      const id = await customer(k.admin, name);
      expect((await k.admin.post(`/api/customers/${id}/release`, { pool: limited })).status).toBe(200);
      pooled.push(id);
    }
    expect(await poolIds(sun.api)).toEqual(expect.arrayContaining(pooled));
    // sun holds nothing: two claims a day, the third is refused.
    expect((await sun.api.post(`/api/customers/${pooled[0]}/claim`)).status).toBe(200);
    expect((await sun.api.post(`/api/customers/${pooled[1]}/claim`)).status).toBe(200);
    const daily = await sun.api.post(`/api/customers/${pooled[2]}/claim`);
    expect(daily.status).toBe(409);
    expect(daily.body.error).toMatchObject({ code: 'POOL_LIMIT_DAILY', message: expect.stringContaining('2') });
    // zhou already holds two: one more reaches the limit of three.
    await customer(zhou.api, '上海戊运输有限公司');
    await customer(zhou.api, '上海己运输有限公司');
    expect((await zhou.api.post(`/api/customers/${pooled[2]}/claim`)).status).toBe(200);
    const held = await zhou.api.post(`/api/customers/${pooled[3]}/claim`);
    expect(held.status).toBe(409);
    expect(held.body.error).toMatchObject({ code: 'POOL_LIMIT_HELD', message: expect.stringContaining('3') });
    const quota = await zhou.api.get('/api/customers/pool/quota');
    expect(quota.body.data).toMatchObject({ held: 3, claimedToday: 1 });
    expect(quota.body.data.pools.map((p: { id: number }) => p.id)).toEqual(expect.arrayContaining([rule, limited]));
    // The refused customer is still in the pool.
    expect(await poolIds(zhou.api)).toContain(pooled[3]);
  });

  test("CUS-7 release is refused for a colleague's customer and where no pool serves the owner", async () => {
    const id = await customer(li.api, '潍坊鸿运专用汽车有限公司');
    expect((await wang.api.post(`/api/customers/${id}/release`, {})).status).toBe(404);
    const own = await customer(zhao.api, '保定华北重卡销售有限公司');
    const none = await zhao.api.post(`/api/customers/${own}/release`, {});
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('POOL_NOT_FOUND');
    const bad = await li.api.post(`/api/customers/${id}/release`, { pool: 'east' });
    expect(bad.status).toBe(400);
  });
});

describe('CUS-7 claims at the same moment', () => {
  test('CUS-7 two salespeople claim one pool customer at once: one gets it, the other is told it is gone', async () => {
    const id = await customer(li.api, '威海蓝海水产运输有限公司');
    expect((await li.api.post(`/api/customers/${id}/release`, {})).status).toBe(200);
    const both = await Promise.all([wang.api, li.api].map((api) => api.post(`/api/customers/${id}/claim`)));
    const won = both.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect([wang.id, li.id]).toContain(won[0].body.data.owner.id);
    // The other waited for the first to finish: the customer is someone's now (or, once the share is gone, unseen).
    const lost = both.find((r) => r.status !== 200)!;
    expect(['CUSTOMER_OWNED', 'NOT_FOUND']).toContain(lost.body.error.code);
  });
});

describe('CUS-7 the return job', () => {
  const setLastContact = (id: number, days: number | null, ownerDays = 0) =>
    sql`update obj_customer set last_contact_at = ${days === null ? null : sql`now() - ${`${days} days`}::interval`},
      owner_since = now() - ${`${ownerDays} days`}::interval where id = ${id}`.execute(k.kehu.engine.db);

  test('CUS-7 customers without activity for N days return to the pool, as the system, in history', async () => {
    const stale = await customer(li.api, '临沂长风物流有限公司');
    const fresh = await customer(li.api, '日照港通物流有限公司');
    const never = await customer(li.api, '枣庄新程运输有限公司');
    const elsewhere = await customer(zhao.api, '唐山北方运输有限公司');
    await setLastContact(stale, 40, 100);
    await setLastContact(fresh, 5, 100);
    await setLastContact(never, null, 60);
    await setLastContact(elsewhere, 400, 400);
    expect(await returnInactiveCustomers(k.kehu.engine)).toBe(2);
    const get = async (id: number) => (await k.admin.get(`/api/objects/customer/${id}`)).body.data;
    expect(await get(stale)).toMatchObject({ inPool: true, owner: null, lastOwner: { id: li.id }, pool: { id: rule } });
    expect(await get(never)).toMatchObject({ inPool: true, pool: { id: rule } });
    expect(await get(fresh)).toMatchObject({ inPool: false, owner: { id: li.id } });
    // No pool serves 华北: nothing returns there.
    expect(await get(elsewhere)).toMatchObject({ inPool: false, owner: { id: zhao.id } });
    expect(await poolIds(wang.api)).toEqual(expect.arrayContaining([stale, never]));
    const history = await k.admin.get(`/api/objects/customer/${stale}/history`);
    expect(history.body.data[0]).toMatchObject({ actor: null, changes: { inPool: [false, true] } });
    expect(await returnInactiveCustomers(k.kehu.engine)).toBe(0);
  });

  test('CUS-7 the return job is scheduled daily and runs through the job service', async () => {
    const s = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule
      where name = ${poolReturnJob}`.execute(k.kehu.engine.db);
    expect(s.rows).toEqual([{ cron: poolReturnCron, timezone: 'Asia/Shanghai' }]);
    const id = await customer(li.api, '泰安泰山环卫设备有限公司');
    await setLastContact(id, 31, 100);
    await k.kehu.engine.jobs.send(poolReturnJob, {});
    await expect
      .poll(async () => (await k.admin.get(`/api/objects/customer/${id}`)).body.data.inPool, { timeout: 20_000 })
      .toBe(true);
  });
});

describe('CUS-7 demo data', () => {
  // Last: it pools every customer of this database idle for longer than the demo rule's days.
  test('CUS-7 the demo has a company-wide pool holding the customers nobody contacted for longer than its 90 days', async () => {
    const uncontacted = await customer(zhao.api, '沧州渤海运输有限公司');
    const recent = await customer(zhao.api, '沧州新兴运输有限公司');
    await sql`update obj_customer set last_contact_at = null, created_at = now() - interval '200 days',
      owner_since = now() - interval '200 days' where id = ${uncontacted}`.execute(k.kehu.engine.db);
    await sql`update obj_customer set last_contact_at = now() - interval '89 days',
      owner_since = now() - interval '300 days' where id = ${recent}`.execute(k.kehu.engine.db);
    await transaction(k.kehu.engine.systemContext(), (tx) => seedPoolDemo(tx));
    const rules = await k.admin.list('customerPoolRule', { filter: { field: 'name', op: 'eq', value: '公司公海' } });
    expect(rules.body.data[0]).toMatchObject({ maxHeld: 200, maxClaimsPerDay: 10, returnAfterDays: 90 });
    const demoPool = rules.body.data[0].id;
    const get = async (id: number) => (await k.admin.get(`/api/objects/customer/${id}`)).body.data;
    expect(await get(uncontacted)).toMatchObject({ inPool: true, pool: { id: demoPool }, lastOwner: { id: zhao.id } });
    expect(await get(recent)).toMatchObject({ inPool: false, owner: { id: zhao.id } });
    // The whole company (总部 and everything below it) is served: someone at head office sees it and claims it.
    const hq = await k.admin.list('department', { filter: { field: 'code', op: 'eq', value: 'HQ' } });
    const qian = await k.user({ username: 'qian', department: hq.body.data[0].id, grants: salesGrants });
    expect(await poolIds(qian.api)).toContain(uncontacted);
    expect((await qian.api.post(`/api/customers/${uncontacted}/claim`)).status).toBe(200);
  });
});
