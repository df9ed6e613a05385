import type { Ctx } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { ownershipFollowers } from '../customers/ownership-followers.ts';
import { beforeOpportunity } from './opportunity.hooks.ts';
import { afterOpportunity } from './opportunity-after.hooks.ts';
import { registerPartHooks } from './parts.hooks.ts';
import { beforeTarget } from './target.hooks.ts';
import { WriteState } from './write-state.ts';

/** A stage's required fields must be fields of the opportunity. */
function beforeStage(ctx: Ctx, e: WriteEvent) {
  if (e.action === 'delete' || e.action === 'undelete') return;
  const w = new WriteState(ctx, e, 'salesStage');
  const opp = ctx.registry.get('opportunity');
  const fields = (w.get('requiredFields') as string[] | null) ?? [];
  if (fields.some((f) => !opp.fields.has(f))) w.problems.requiredFields = 'invalidOption';
  w.throwProblems();
}

export function setupSales(engine: Engine): void {
  const hooks = engine.registry.hooks;
  hooks.on('opportunity', { before: beforeOpportunity, after: afterOpportunity });
  hooks.on('salesStage', { before: beforeStage });
  hooks.on('salesTarget', { before: beforeTarget });
  registerPartHooks(hooks);
  // Open opportunities change hands with their customer (CUS-7); closed ones stay with who won or lost them.
  ownershipFollowers.register({
    object: 'opportunity',
    customerField: 'customer',
    openFilter: { field: 'status', op: 'eq', value: 'open' },
  });
}
