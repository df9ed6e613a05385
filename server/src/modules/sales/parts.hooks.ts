import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { idOf, meta } from './meta.ts';
import { linesTotal } from './opportunity.hooks.ts';
import { customerFacts, isTrusted, trustedCtx } from './trust.ts';
import { WriteState } from './write-state.ts';

/**
 * A part (line, task, competitor) belongs to an opportunity the actor may edit — changing a part is editing the
 * opportunity — and to that opportunity's owner. Checked through the access predicate of the opportunity.
 */
async function attachToOpportunity(w: WriteState): Promise<void> {
  const oppId = w.id('opportunity');
  if (oppId === null) return;
  const opp = meta(w.ctx, 'opportunity');
  const scope = isTrusted(w.ctx) ? sql`true` : await w.ctx.access.predicate(opp.obj, 'update', 'o');
  const r = await sql<{ owner: string | null }>`select ${opp.ref('o', 'owner')} as owner from ${opp.table} as o
    where o.id = ${oppId} and o.deleted_at is null and ${scope}`.execute(w.ctx.db);
  if (!r.rows[0]) {
    w.problems.opportunity = 'notFound';
    return;
  }
  const owner = r.rows[0].owner === null ? null : Number(r.rows[0].owner);
  if (owner !== w.was('owner')) w.set('owner', owner);
}

async function beforeLine(ctx: Ctx, e: WriteEvent) {
  const w = new WriteState(ctx, e, 'opportunityLine');
  await attachToOpportunity(w);
  if (w.written('product') || w.creating) {
    const p = meta(ctx, 'product');
    const r = await sql<{ name: string; model: string | null; price: string | null }>`select
        ${p.pick('t', ['name', 'model', 'price'])} from ${p.table} as t where t.id = ${w.id('product')}`.execute(
      ctx.db,
    );
    const product = r.rows[0];
    if (product) {
      w.set('name', product.model ? `${product.name} ${product.model}` : product.name);
      if (!w.written('unitPrice')) w.set('unitPrice', product.price);
    }
  }
  w.throwProblems();
}

async function beforeTask(ctx: Ctx, e: WriteEvent) {
  const w = new WriteState(ctx, e, 'opportunityTask');
  await attachToOpportunity(w);
  if (w.written('done') && w.get('done') !== w.was('done')) {
    const done = w.get('done') === true;
    w.set('doneAt', done ? new Date().toISOString() : null);
    w.set('doneBy', done ? ctx.actor.userId || null : null);
  }
  w.throwProblems();
}

async function beforeCompetitor(ctx: Ctx, e: WriteEvent) {
  const w = new WriteState(ctx, e, 'opportunityCompetitor');
  await attachToOpportunity(w);
  const id = w.id('competitor');
  if (id !== null && (w.written('competitor') || w.creating)) {
    const c = await customerFacts(ctx, id);
    // SAL-6: competitors are customers of type competitor (CUS-1).
    if (c.type !== 'competitor') w.problems.competitor = 'invalidOption';
    else w.set('name', c.name);
  }
  w.throwProblems();
}

/** The opportunity's amount and product list follow its lines (SAL-1). */
async function refreshOpportunity(ctx: Ctx, opportunityId: number) {
  const opp = meta(ctx, 'opportunity');
  const live =
    await sql`select 1 from ${opp.table} as o where o.id = ${opportunityId} and o.deleted_at is null`.execute(ctx.db);
  if (!live.rows.length) return;
  const lines = meta(ctx, 'opportunityLine');
  const r = await sql<{
    product: string;
  }>`select distinct ${lines.ref('t', 'product')} as product from ${lines.table} as t
    where ${lines.ref('t', 'opportunity')} = ${opportunityId} and t.deleted_at is null`.execute(ctx.db);
  const total = await linesTotal(ctx, opportunityId);
  const input: Record<string, unknown> = { products: r.rows.map((x) => Number(x.product)) };
  if (total !== null) input.amount = total;
  await updateRecord(trustedCtx(ctx), 'opportunity', opportunityId, input, { internal: true });
}

async function afterLine(ctx: Ctx, e: WriteEvent) {
  const ids = new Set([idOf(e.before?.opportunity), idOf(e.after?.opportunity)]);
  for (const id of ids) if (id !== null) await refreshOpportunity(ctx, id);
}

const writes = (e: WriteEvent) => e.action !== 'delete' && e.action !== 'undelete';

export function registerPartHooks(hooks: Ctx['registry']['hooks']): void {
  hooks.on('opportunityLine', {
    before: (ctx, e) => (writes(e) ? beforeLine(ctx, e) : undefined),
    after: afterLine,
  });
  hooks.on('opportunityTask', { before: (ctx, e) => (writes(e) ? beforeTask(ctx, e) : undefined) });
  hooks.on('opportunityCompetitor', { before: (ctx, e) => (writes(e) ? beforeCompetitor(ctx, e) : undefined) });
}
