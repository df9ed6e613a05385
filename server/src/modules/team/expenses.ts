import { type Ctx, transaction } from '../../engine/context.ts';
import { authorizeExisting } from '../../engine/records/authorize.ts';
import { updateRecord } from '../../engine/records/save.ts';

/**
 * Submit an expense for reimbursement, or take a submitted (or rejected) one back to draft. The caller needs the
 * right to edit the expense; the status itself is read-only on the generic API, so this is an internal write after
 * that check, and the hooks decide whether the move is allowed (EXPENSE_LOCKED otherwise). Approval (WF) moves it on.
 */
export async function setExpenseStatus(ctx: Ctx, id: number, status: 'submitted' | 'draft') {
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, tx.registry.get('expense'), id, 'update');
    return updateRecord(tx, 'expense', id, { status }, { internal: true });
  });
}
