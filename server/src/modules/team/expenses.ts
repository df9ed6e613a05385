import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { actOnInstance } from '../../engine/flows/actions.ts';
import { openInstanceOf } from '../../engine/flows/instance.ts';
import { submitForApproval } from '../../engine/flows/submit.ts';
import { records } from '../../engine/query/builder.ts';
import { authorizeExisting } from '../../engine/records/authorize.ts';
import { updateRecord } from '../../engine/records/save.ts';

/**
 * Submit an expense for reimbursement (TEAM-6, WF-3): it goes through the expense object's published approval flow
 * (费用报销), which sets it submitted, then approved or rejected, through the engine. `chosen`: the 自选 steps.
 */
export async function submitExpense(ctx: Ctx, id: number, chosen?: Record<string, number[]>) {
  return transaction(ctx, async (tx) => {
    await submitForApproval(tx, { object: 'expense', recordId: id, chosen });
    return records(tx, 'expense').get(id);
  });
}

/**
 * Take an expense back to draft: withdraw its approval while nobody has acted on it (or after it was returned),
 * or reopen a rejected one. The status itself is read-only on the generic API; the hooks decide the move.
 */
export async function withdrawExpense(ctx: Ctx, id: number) {
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, tx.registry.get('expense'), id, 'update');
    const open = await openInstanceOf(tx, 'expense', id);
    if (open) await actOnInstance(tx, open.id, 'withdraw', {});
    else await updateRecord(tx, 'expense', id, { status: 'draft' }, { internal: true });
    return records(tx, 'expense').get(id);
  });
}

/**
 * Pay an approved expense (已报销): someone who may change the expense and is not its claimant (the cashier, not the
 * claimant themself).
 */
export async function payExpense(ctx: Ctx, id: number) {
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, tx.registry.get('expense'), id, 'update');
    const e = await records(tx, 'expense').get(id);
    const claimant = (e.owner as { id?: number } | null)?.id;
    if (claimant === subjectOf(tx.actor)) throw new KehuError('FORBIDDEN');
    if (e.status !== 'approved') throw new KehuError('EXPENSE_LOCKED', { status: String(e.status) }, undefined, 409);
    return updateRecord(tx, 'expense', id, { status: 'paid' }, { internal: true });
  });
}
