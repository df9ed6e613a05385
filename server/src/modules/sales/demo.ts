import type { Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { listAllRecords } from '../../engine/query/list.ts';
import { loadRecords } from '../../engine/records/bulk-load.ts';
import { createRecord } from '../../engine/records/save.ts';
import { Random } from '../demo/random.ts';
import { demoProcesses, demoProducts } from './demo-catalog.ts';
import { insertParts } from './demo-parts.ts';
import { type DemoCustomerRef, type DemoProcessRef, type SimOpportunity, simulate } from './demo-pipeline.ts';
import { grantSalesReferenceData } from './demo-roles.ts';
import { demoTargets, type OrgRef } from './demo-targets.ts';
import { backfillFurthest } from './furthest.ts';
import { idOf } from './meta.ts';

export const demoOpportunityCount = 700;

type Rec = Record<string, any>;

/** Every record of an object the system may read (the demo's own inputs: customers, users, departments). */
async function readAll(ctx: Ctx, object: string, filter?: Filter): Promise<Rec[]> {
  return (await listAllRecords(ctx, ctx.registry.get(object), { filter })) as Rec[];
}

/** The demo catalogue and processes (also what the bulk generator needs on an installation without them). */
export async function seedCatalogue(ctx: Ctx) {
  const products = [];
  for (const p of demoProducts) {
    const rec = await createRecord(
      ctx,
      'product',
      { ...p, price: String(p.price), cost: String(p.cost) },
      { internal: true },
    );
    products.push({
      id: rec.id as number,
      name: p.name,
      model: p.model,
      category: p.category,
      price: p.price,
      unit: p.unit,
    });
  }
  const processes: DemoProcessRef[] = [];
  for (const [i, p] of demoProcesses.entries()) {
    const { stages, ...rest } = p;
    const rec = await createRecord(ctx, 'salesProcess', { ...rest, sortOrder: i + 1 }, { internal: true });
    const refs = [];
    for (const [n, s] of stages.entries()) {
      const st = await createRecord(
        ctx,
        'salesStage',
        { ...s, process: rec.id, sortOrder: (n + 1) * 10 },
        { internal: true },
      );
      refs.push({ id: st.id as number, ...s });
    }
    processes.push({ id: rec.id as number, categories: p.categories, stages: refs });
  }
  return { products, processes };
}

const refOf = (c: Rec): DemoCustomerRef => ({
  id: c.id,
  name: c.name,
  type: c.type,
  industry: c.industry ?? null,
  owner: idOf(c.owner)!,
  createdAt: Date.parse(c.createdAt),
});

/**
 * Demo data of the sales module: the catalogue of the demo company, two sales processes with requirements and
 * playbooks, about 700 opportunities of the demo customers simulated over the last year (stage history, checklist
 * tasks, competitors, product lines) and this year's targets, so that funnel, forecast and analysis mean something
 * on first start. Deterministic; opportunities are inserted in bulk with their history, like the customers.
 */
export async function seedSalesDemo(ctx: Ctx): Promise<void> {
  await grantSalesReferenceData(ctx);
  const { products, processes } = await seedCatalogue(ctx);
  const customers = await readAll(ctx, 'customer');
  if (customers.length === 0) return;
  const byType = (t: string) => customers.filter((c) => c.type === t && c.owner).map(refOf);
  const r = new Random(20240917);
  const now = Date.now();
  const input = {
    customers: [...byType('direct'), ...byType('direct'), ...byType('dealer'), ...byType('prospect')],
    dealers: byType('dealer'),
    competitors: byType('competitor'),
    products,
    vehicleProcess: processes[0],
    tenderProcess: processes[1],
  };
  const sims: SimOpportunity[] = [];
  for (let i = 0; i < demoOpportunityCount; i++) sims.push(simulate(r, input, now));
  sims.sort((a, b) => String(a.input.createdAt).localeCompare(String(b.input.createdAt)));
  // The product links go in with the opportunities (the many-to-many field's link table).
  const ids = await loadRecords(
    ctx,
    'opportunity',
    sims.map((s) => ({ ...s.input, products: [...new Set(s.lines.map((l) => l.product.id))] })),
  );
  await insertParts(ctx, sims, ids);
  await backfillFurthest(ctx); // the furthest stage reached, from the generated history
  const departments = await readAll(ctx, 'department');
  const users = await readAll(ctx, 'user');
  const org: OrgRef = {
    users: users.map((u) => ({ id: u.id, name: u.name, department: idOf(u.department) })),
    departments: departments.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind ?? null,
      parent: idOf(d.parent),
      head: idOf(d.head),
    })),
    dealers: input.dealers.map((d) => ({ id: d.id, name: d.name, owner: d.owner })),
  };
  const year = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timezone, year: 'numeric' }).format(new Date(now)),
  );
  const names = new Map<string, string>([
    ...users.map((u): [string, string] => [`user:${u.id}`, u.name]),
    ...departments.map((d): [string, string] => [`department:${d.id}`, d.name]),
    ...org.dealers.map((d): [string, string] => [`dealer:${d.id}`, d.name]),
  ]);
  const targets = demoTargets(r, org, sims, now, year).map((t) => {
    const who = t.user
      ? names.get(`user:${t.user}`)
      : t.dealer
        ? names.get(`dealer:${t.dealer}`)
        : names.get(`department:${t.department}`);
    const period = t.month ? `${year}-${String(t.month).padStart(2, '0')}` : String(year);
    return { ...t, name: `${period} ${t.metric === 'units' ? '台量' : '销售额'} ${who ?? ''}`.trim() };
  });
  await loadRecords(ctx, 'salesTarget', targets);
}
