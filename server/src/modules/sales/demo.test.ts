import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { modules } from '../index.ts';
import { getData } from './test-kit.ts';

let k: TestKehu;

beforeAll(async () => {
  // Passing the module list loads their demo data, as `npm start` does on an empty database.
  k = await startKehu({ modules });
}, 180_000);
afterAll(() => k?.close());

const count = async (object: string, filter?: unknown) => {
  const r = await k.admin.list(object, { count: 'true', limit: '1', ...(filter ? { filter } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.total as number;
};
const year = new Date().getFullYear();

describe('SAL demo data', () => {
  test('ORD-1 SAL-3 the demo catalogue and two sales processes with requirements and playbooks', async () => {
    expect(await count('product')).toBeGreaterThanOrEqual(15);
    for (const name of ['冷藏车', '垃圾车', '随车', '运油车']) {
      expect(await count('product', { field: 'name', op: 'contains', value: name }), name).toBeGreaterThan(0);
    }
    expect(await count('salesProcess')).toBe(2);
    const stages = await k.admin.list('salesStage', { limit: '50' });
    expect(stages.body.data).toHaveLength(10);
    expect(stages.body.data.every((s: any) => s.playbook)).toBe(true);
    expect(stages.body.data.some((s: any) => s.requiredTasks.length > 0)).toBe(true);
  });

  test('SAL-1 SAL-2 opportunities in every stage and status with a year of stage history', async () => {
    expect(await count('opportunity')).toBeGreaterThanOrEqual(600);
    for (const status of ['open', 'won', 'lost', 'abandoned'])
      expect(await count('opportunity', { field: 'status', op: 'eq', value: status }), status).toBeGreaterThan(0);
    const db = k.kehu.engine.db;
    const span = await sql<{ days: number }>`select extract(day from max(changed_at) - min(changed_at))::int as days
      from obj_opportunity_stage_change`.execute(db);
    expect(span.rows[0].days).toBeGreaterThan(300);
    // The demo obeys the rules it shows: amounts are the sum of the lines, stages passed have their tasks done.
    const amounts = await sql<{ n: number }>`select count(*)::int as n from obj_opportunity o
      where o.amount <> (select sum(l.amount) from obj_opportunity_line l where l.opportunity_id = o.id)`.execute(db);
    expect(amounts.rows[0].n).toBe(0);
    const undone = await sql<{ n: number }>`select count(*)::int as n from obj_opportunity_task t
      join obj_opportunity o on o.id = t.opportunity_id where o.status = 'won' and not t.done`.execute(db);
    expect(undone.rows[0].n).toBe(0);
    const funnel = await getData(k.admin, '/api/sales/funnel');
    expect(funnel.stages).toHaveLength(5);
    expect(funnel.stages.every((s: any) => s.count > 0 && s.conversion > 0 && s.conversion < 1)).toBe(true);
    expect(funnel.stages.every((s: any) => s.avgDays > 1)).toBe(true);
  });

  test('SAL-4 DLR-5 this year has a forecast and targets at every level', async () => {
    const f = await getData(k.admin, `/api/sales/forecast?period=${year}&groupBy=owner`);
    expect(Number(f.totals.won.amount)).toBeGreaterThan(0);
    expect(Number(f.totals.optimistic.amount)).toBeGreaterThan(Number(f.totals.normal.amount));
    expect(f.rows.filter((r: any) => r.target).length).toBeGreaterThan(5);
    const r = await getData(k.admin, `/api/sales/targets/rollup?period=${year}`);
    const levels = new Set<string>();
    const walk = (n: any) => {
      if (n.target) levels.add(n.level);
      n.children.forEach(walk);
    };
    r.roots.forEach(walk);
    expect([...levels].sort()).toEqual(['company', 'dealer', 'office', 'region', 'salesperson']);
  });

  test('SAL-3 a demo salesperson reads the catalogue and the processes (reference data for every seller)', async () => {
    const role = await k.admin.list('role', { filter: { field: 'name', op: 'eq', value: '销售员' } });
    expect(role.body.data[0].grants.product).toEqual({ read: 'all' });
    expect(role.body.data[0].grants.salesTarget).toMatchObject({ read: 'own', update: 'none' });
  });

  test('SAL-1 SAL-4 opportunities are dated around today: none before its customer, open ones close in the coming months', async () => {
    const db = k.kehu.engine.db;
    const r = await sql<{
      early: number;
      open: number;
      overdue: number;
      later: number;
      latest: Date;
    }>`select count(*) filter (where o.created_at < c.created_at)::int as early,
        count(*) filter (where o.status = 'open')::int as open,
        count(*) filter (where o.status = 'open' and o.expected_close_date < current_date)::int as overdue,
        count(*) filter (where o.status = 'open' and o.expected_close_date > current_date + 365)::int as later,
        (select max(changed_at) from obj_opportunity_stage_change) as latest
      from obj_opportunity o join obj_customer c on c.id = o.customer_id`.execute(db);
    const x = r.rows[0];
    expect(x.early).toBe(0);
    expect(x.open).toBeGreaterThan(50);
    // A few are overdue (the pipeline warns about them); none is a year away.
    expect(x.overdue).toBeGreaterThan(0);
    expect(x.overdue / x.open).toBeLessThan(0.2);
    expect(x.later).toBe(0);
    expect(Date.now() - x.latest.getTime()).toBeLessThan(14 * 86_400_000);
    // Opportunities are with customers someone works on: none waits in the pool.
    const pooled = await sql<{ n: number }>`select count(*)::int as n from obj_opportunity o
      join obj_customer c on c.id = o.customer_id where c.in_pool and o.status = 'open'`.execute(db);
    expect(pooled.rows[0].n).toBe(0);
  });
});
