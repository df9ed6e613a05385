import type { Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { inScope } from '../../engine/records/fetch.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { idOf } from './meta.ts';
import { linesTotal } from './opportunity.hooks.ts';
import { customerFacts, isTrusted, trustedCtx } from './trust.ts';
import { WriteState } from './write-state.ts';

const idIs = (id: number): Filter => ({ field: 'id', op: 'eq', value: id });

/** One live record by id, read as the engine (the hooks' bookkeeping needs it whoever writes), or undefined. */
async function engineRead(ctx: Ctx, object: string, id: number | null) {
  if (id === null) return undefined;
  return (await records(ctx, object, { internal: true }).list({ filter: idIs(id), limit: 1 })).data[0];
}

/**
 * A part (line, task, competitor) belongs to an opportunity the actor may edit — changing a part is editing the
 * opportunity — and to that opportunity's owner. Checked through the access predicate of the opportunity.
 */
async function attachToOpportunity(w: WriteState): Promise<void> {
  const oppId = w.id('opportunity');
  if (oppId === null) return;
  const editable = isTrusted(w.ctx) || (await inScope(w.ctx, w.ctx.registry.get('opportunity'), oppId, 'update'));
  const opp = editable ? await engineRead(w.ctx, 'opportunity', oppId) : undefined;
  if (!opp) {
    w.problems.opportunity = 'notFound';
    return;
  }
  const owner = idOf(opp.owner);
  if (owner !== w.was('owner')) w.set('owner', owner);
}

async function beforeLine(ctx: Ctx, e: WriteEvent) {
  const w = new WriteState(ctx, e, 'opportunityLine');
  await attachToOpportunity(w);
  if (w.written('product') || w.creating) {
    const product = await engineRead(ctx, 'product', w.id('product'));
    if (product) {
      w.set('name', product.model ? `${product.name} ${product.model}` : product.name);
      if (!w.written('unitPrice')) w.set('unitPrice', product.price ?? null);
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
  if (!(await engineRead(ctx, 'opportunity', opportunityId))) return;
  const byProduct = await records(ctx, 'opportunityLine', { internal: true }).aggregate({
    filter: { field: 'opportunity', op: 'eq', value: opportunityId },
    by: ['product'],
    measures: { n: 'count' },
  });
  const total = await linesTotal(ctx, opportunityId);
  const products = byProduct.rows
    .map((r) => idOf(r.key.product))
    .filter((id): id is number => id !== null)
    .sort((a, b) => a - b);
  const input: Record<string, unknown> = { products };
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
