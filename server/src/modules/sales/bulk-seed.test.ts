import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { modules } from '../index.ts';
import { bulkMarker, seedOpportunities } from './bulk-seed.ts';

let k: TestKehu;

beforeAll(async () => {
  k = await startKehu({ modules });
}, 180_000);
afterAll(() => k?.close());

const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(k.kehu.engine.db)).rows[0];

describe('SAL generated opportunities (demo and benchmark seeding through the engine bulk loader)', () => {
  test('SAL-1 the demo opportunities link the products of their lines', async () => {
    const r = await one(sql<{ links: number; lines: number; missing: number }>`select
        (select count(*)::int from rel_obj_opportunity_products) as links,
        (select count(distinct (opportunity_id, product_id))::int from obj_opportunity_line) as lines,
        (select count(*)::int from obj_opportunity_line l where not exists (select 1 from rel_obj_opportunity_products p
          where p.a_id = l.opportunity_id and p.b_id = l.product_id)) as missing`);
    expect(r.lines).toBeGreaterThan(600);
    expect(r).toEqual({ links: r.lines, lines: r.lines, missing: 0 });
    // The links are there when the version 1 history entry is written: its snapshot names the products.
    const unnamed = await one(sql<{ n: number }>`select count(*)::int as n from sys_history h
      where h.object = 'opportunity' and h.version = 1
        and coalesce(jsonb_array_length(h.snapshot -> 'products'), 0) = 0`);
    expect(unnamed.n).toBe(0);
  });

  test('SAL-2 seedOpportunities: statuses, one line and product each, forward stage history, codes, version 1', async () => {
    const db = k.kehu.engine.db;
    const before = await one(sql<{ n: number; max: number }>`select count(*)::int as n, max(id)::int as max
      from obj_opportunity`);
    const n = 3000;
    await seedOpportunities(k.kehu.engine, { opportunities: n });
    const mine = sql`o.id > ${before.max}`;
    const s = await one(sql<Record<string, number>>`select count(*)::int as n,
        count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'won')::int as won,
        count(*) filter (where status = 'lost')::int as lost,
        count(*) filter (where status = 'abandoned')::int as abandoned,
        count(distinct code)::int as codes, count(*) filter (where code ~ '^SJ[0-9]{4}[0-9]{6}$')::int as coded,
        min(extract(epoch from now() - created_at) / 86400)::float as youngest,
        max(extract(epoch from now() - created_at) / 86400)::float as oldest
      from obj_opportunity o where ${mine}`);
    expect(s.n).toBe(n);
    expect(s.codes).toBe(n);
    expect(s.coded).toBe(n);
    expect(s.open / n).toBeCloseTo(0.6, 1);
    expect(s.won / n).toBeCloseTo(0.25, 1);
    expect(s.lost / n).toBeCloseTo(0.12, 1);
    expect(s.abandoned / n).toBeGreaterThan(0.01);
    expect(s.abandoned / n).toBeLessThan(0.06);
    expect(s.youngest).toBeGreaterThanOrEqual(19.9);
    expect(s.oldest).toBeLessThan(420.1);
    const bad = await one(sql<Record<string, number>>`select
        count(*) filter (where (select count(*) from obj_opportunity_line l where l.opportunity_id = o.id) <> 1)::int
          as lines,
        count(*) filter (where o.amount <> (select sum(l.amount) from obj_opportunity_line l
          where l.opportunity_id = o.id))::int as amounts,
        count(*) filter (where not exists (select 1 from obj_opportunity_line l join rel_obj_opportunity_products p
          on p.a_id = l.opportunity_id and p.b_id = l.product_id where l.opportunity_id = o.id))::int as links,
        count(*) filter (where o.furthest_stage_order <> (select sort_order from obj_sales_stage st
          where st.id = o.stage_id))::int as furthest,
        count(*) filter (where (select count(*) from sys_history h where h.object = 'opportunity'
          and h.record_id = o.id and h.version = 1 and h.user_agent = ${bulkMarker}) <> 1)::int as history
      from obj_opportunity o where ${mine}`);
    expect(bad).toEqual({ lines: 0, amounts: 0, links: 0, furthest: 0, history: 0 });
    // The history moves forward through the stages and ends where the opportunity stands, closed ones closing.
    const changes = await sql<{ id: number; stage: number; status: string; chain: string }>`select o.id,
        o.stage_id::int as stage, o.status,
        string_agg(concat_ws(':', st.sort_order, c.to_stage_id, c.to_status), ',' order by c.changed_at, c.id)
          as chain
      from obj_opportunity o join obj_opportunity_stage_change c on c.opportunity_id = o.id
      join obj_sales_stage st on st.id = c.to_stage_id
      where ${mine} group by o.id`.execute(db);
    expect(changes.rows).toHaveLength(n);
    for (const o of changes.rows) {
      const steps = o.chain.split(',').map((x) => x.split(':'));
      const orders = steps.map((x) => Number(x[0]));
      expect(orders, o.chain).toEqual([...orders].sort((a, b) => a - b));
      const last = steps[steps.length - 1];
      expect(Number(last[1]), o.chain).toBe(o.stage);
      expect(last[2], o.chain).toBe(o.status);
    }
  }, 120_000);
});
