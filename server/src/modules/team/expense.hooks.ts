import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { checkLinks, col } from './links.ts';

/** Content may change only while the claimant holds the expense: as a draft, or after a rejection. */
const editable = new Set(['draft', 'rejected']);

/** Allowed status moves. Users submit and withdraw; the approval workflow (WF) decides and pays. */
const moves: Record<string, string[]> = {
  draft: ['submitted'],
  rejected: ['submitted', 'draft'],
  submitted: ['draft', 'approved', 'rejected'],
  approved: ['paid'],
  paid: [],
};

function locked(status: unknown): KehuError {
  return new KehuError('EXPENSE_LOCKED', { status: String(status) }, undefined, 409);
}

async function beforeExpense(ctx: Ctx, e: WriteEvent): Promise<void> {
  const statusCol = col(ctx, 'expense', 'status');
  const was = e.before?.status as string | undefined;
  if (e.action === 'create') {
    e.values[statusCol] ??= 'draft';
  } else if (e.action === 'delete') {
    if (was && !editable.has(was)) throw locked(was);
    return;
  } else if (e.action === 'undelete') {
    return;
  } else {
    const next = e.values[statusCol] as string | undefined;
    const content = Object.keys(e.values).filter((c) => c !== statusCol && c !== col(ctx, 'expense', 'submittedAt'));
    if (content.length > 0 && was && !editable.has(was)) throw locked(was);
    if (next !== undefined && next !== was) {
      if (!moves[was ?? 'draft']?.includes(next)) throw locked(was);
      if (next === 'submitted') e.values[col(ctx, 'expense', 'submittedAt')] = new Date().toISOString();
    }
  }
  await checkLinks(ctx, e);
}

export function registerExpenseHooks(engine: Engine): void {
  engine.registry.hooks.on('expense', { before: beforeExpense });
}
