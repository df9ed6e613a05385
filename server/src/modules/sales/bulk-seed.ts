import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { reserveCodes } from '../../engine/fields/auto-number.field.ts';
import type { Engine } from '../../engine/kernel.ts';
import { bulkSession } from '../../engine/records/bulk-load.ts';
import { opportunitiesSql } from './bulk-seed-sql.ts';
import { seedCatalogue } from './demo.ts';
import { meta } from './meta.ts';

export const bulkMarker = 'kehu bulk seed';
const batch = 50_000;

/** Customers (with owners), stages of the first two processes and products, numbered for the generator. */
async function seedTables(engine: Engine, db: Db) {
  const ctx = { registry: engine.registry };
  const cu = meta(ctx, 'customer');
  const st = meta(ctx, 'salesStage');
  const pr = meta(ctx, 'salesProcess');
  const p = meta(ctx, 'product');
  await sql`create temp table seed_customers as select row_number() over (order by t.id)::int as rn, t.id,
      ${cu.ref('t', 'owner')} as owner from ${cu.table} as t
    where t.deleted_at is null and ${cu.ref('t', 'owner')} is not null
      and ${cu.ref('t', 'type')} in ('direct', 'dealer', 'prospect')`.execute(db);
  await sql`create temp table seed_stages as with procs as (
      select t.id, row_number() over (order by ${pr.ref('t', 'sortOrder')}, t.id)::int as pno from ${pr.table} as t
      where t.deleted_at is null)
    select procs.pno, procs.id as process_id, s.id, ${st.ref('s', 'probability')} as prob,
      coalesce(${st.ref('s', 'sortOrder')}, 0)::int as sort,
      (row_number() over (partition by procs.pno order by ${st.ref('s', 'sortOrder')}, s.id) - 1)::int as idx,
      (count(*) over (partition by procs.pno))::int as n
    from procs join ${st.table} as s on ${st.ref('s', 'process')} = procs.id and s.deleted_at is null
    where procs.pno <= 2`.execute(db);
  // With a single process, both halves of the generator use it.
  await sql`insert into seed_stages select 2, process_id, id, prob, sort, idx, n from seed_stages
    where pno = 1 and not exists (select 1 from seed_stages where pno = 2)`.execute(db);
  await sql`create temp table seed_products as select row_number() over (order by t.id)::int as rn, t.id,
      ${p.ref('t', 'price')} as price from ${p.table} as t
    where t.deleted_at is null and ${p.ref('t', 'price')} > 0`.execute(db);
  const count = async (t: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db)).rows[0].n;
  return { customers: await count('seed_customers'), products: await count('seed_products') };
}

/**
 * Generated opportunities for benchmarks (`npm run seed -- --opportunities 1000000`): one product line each, a
 * stage history up to their stage, a version 1 history entry; customers, owners, processes and products are the
 * existing ones (the demo's on a fresh installation). Batches of 50,000 commit on their own; large loads rebuild
 * the secondary indexes at the end. A tool for benchmark databases, not for a busy installation.
 */
export async function seedOpportunities(engine: Engine, opts: { opportunities: number; log?: (l: string) => void }) {
  const log = opts.log ?? (() => undefined);
  const obj = engine.registry.get('opportunity');
  const code = obj.fields.get('code')!;
  const processes = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(engine.registry.get('salesProcess').table)}
    where deleted_at is null`.execute(engine.db);
  if (processes.rows[0].n === 0) await seedCatalogue(engine.systemContext());
  const large = opts.opportunities >= 50_000;
  const objects = ['opportunity', 'opportunityLine', 'opportunityStageChange'];
  return bulkSession(engine.systemContext(), objects, { rebuildIndexes: large, log }, async ({ db }) => {
    const n = await seedTables(engine, db);
    if (n.customers === 0 || n.products === 0) throw new Error('no customers or products: start Kehu once first');
    const start = await sql<{ n: number }>`select coalesce(max(id), 0)::int as n from ${sql.table(obj.table)}`.execute(
      db,
    );
    const base = start.rows[0].n + 1;
    for (let from = base; from < base + opts.opportunities; from += batch) {
      const to = Math.min(from + batch - 1, base + opts.opportunities - 1);
      const t = Date.now();
      await db.transaction().execute(async (tx) => {
        const codes = await reserveCodes(tx, obj.name, code, engine.timezone, to - from + 1);
        await opportunitiesSql(engine.registry, n, codes, from, to, bulkMarker).execute(tx);
      });
      log(`  ${(to - base + 1).toLocaleString('en')} opportunities (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
    await sql`drop table seed_customers, seed_stages, seed_products`.execute(db);
    return { opportunities: opts.opportunities };
  });
}
