import { transaction } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { bulkSession, loadRecords } from '../../engine/records/bulk-load.ts';
import { Random } from '../demo/random.ts';
import { type BulkCatalogue, bulkOpportunities } from './bulk-seed-gen.ts';
import { seedCatalogue } from './demo.ts';
import { idOf } from './meta.ts';

export const bulkMarker = 'kehu bulk seed';
const batch = 10_000;

/**
 * What the generator draws from, read through the records builder as the engine (generated data for the whole
 * installation, whoever runs the seed): customers with an owner, the stages of the first two processes that have
 * any, products with a price.
 */
async function catalogue(engine: Engine): Promise<BulkCatalogue> {
  const sys = engine.systemContext();
  const read = (object: string) => records(sys, object, { internal: true });
  const ordered = [
    { field: 'sortOrder', dir: 'asc' as const },
    { field: 'id', dir: 'asc' as const },
  ];
  let processes = await read('salesProcess').all({ sort: ordered, fields: ['sortOrder'] });
  if (processes.length === 0) {
    await seedCatalogue(sys);
    processes = await read('salesProcess').all({ sort: ordered, fields: ['sortOrder'] });
  }
  const stages = await read('salesStage').all({
    filter: { field: 'process', op: 'in', value: processes.map((p) => Number(p.id)) },
    sort: ordered,
    fields: ['process', 'probability', 'sortOrder'],
  });
  const flows = processes
    .map((p) => ({
      id: Number(p.id),
      stages: stages
        .filter((s) => idOf(s.process) === Number(p.id))
        .map((s) => ({ id: Number(s.id), probability: Number(s.probability ?? 0), sort: Number(s.sortOrder ?? 0) })),
    }))
    .filter((p) => p.stages.length > 0)
    .slice(0, 2);
  const customers = await read('customer').all({
    filter: {
      and: [
        { field: 'owner', op: 'isNotEmpty' },
        { field: 'type', op: 'in', value: ['direct', 'dealer', 'prospect'] },
      ],
    },
    sort: [{ field: 'id', dir: 'asc' }],
    fields: ['owner'],
  });
  const products = await read('product').all({
    filter: { field: 'price', op: 'gt', value: 0 },
    sort: [{ field: 'id', dir: 'asc' }],
    fields: ['price'],
  });
  if (customers.length === 0 || products.length === 0 || flows.length === 0)
    throw new Error('no customers, products or sales stages: start Kehu once first');
  return {
    // With a single process, both halves of the generator use it.
    processes: [flows[0], flows[1] ?? flows[0]],
    customers: customers.map((c) => ({ id: Number(c.id), owner: idOf(c.owner)! })),
    products: products.map((p) => ({ id: Number(p.id), price: String(p.price) })),
  };
}

/**
 * Generated opportunities for benchmarks (`npm run seed -- --opportunities 1000000`) through the engine's bulk
 * loader: one product line each (and the product link), a stage history up to their stage, a version 1 history
 * entry; customers, owners, processes and products are the existing ones (the demo's on a fresh installation).
 * Batches of 10,000 commit on their own; large loads rebuild the secondary indexes at the end. A tool for benchmark
 * databases, not for a busy installation.
 */
export async function seedOpportunities(engine: Engine, opts: { opportunities: number; log?: (l: string) => void }) {
  const log = opts.log ?? (() => undefined);
  const cat = await catalogue(engine);
  const sys = engine.systemContext();
  const last = await records(sys, 'opportunity', { internal: true }).list({
    sort: [{ field: 'id', dir: 'desc' }],
    limit: 1,
    fields: ['id'],
  });
  // Row numbers (in the names) continue after existing data; the same data on every run from the same start.
  const base = Number(last.data[0]?.id ?? 0) + 1;
  const r = new Random(base);
  const now = Date.now();
  const large = opts.opportunities >= 50_000;
  const objects = ['opportunity', 'opportunityLine', 'opportunityStageChange'];
  const load = { marker: bulkMarker, batch: 2000 };
  await bulkSession(sys, objects, { rebuildIndexes: large, log }, async (ctx) => {
    for (let from = 0; from < opts.opportunities; from += batch) {
      const n = Math.min(batch, opts.opportunities - from);
      const t = Date.now();
      const made = bulkOpportunities(r, cat, base + from, n, now, ctx.timezone);
      await transaction(ctx, async (tx) => {
        const ids = await loadRecords(tx, 'opportunity', made.opportunities, load);
        const parent = <T extends { opportunity: number }>(rows: T[]) =>
          rows.map((row) => ({ ...row, opportunity: ids[row.opportunity] }));
        await loadRecords(tx, 'opportunityLine', parent(made.lines), load);
        await loadRecords(tx, 'opportunityStageChange', parent(made.changes), load);
      });
      log(
        `  ${(from + n).toLocaleString('en')} opportunities (${n.toLocaleString('en')} in ${((Date.now() - t) / 1000).toFixed(1)} s)`,
      );
    }
  });
  return { opportunities: opts.opportunities };
}
