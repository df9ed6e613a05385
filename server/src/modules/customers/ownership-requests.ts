import type { Filter } from '@kehu/common';
import { addShare } from '../../engine/access/shares.ts';
import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { enqueueEvent } from '../../engine/events/outbox.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { fetchFull, inScope } from '../../engine/records/fetch.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { metConflict } from './ownership-conflicts.ts';
import { moveFollowers } from './ownership-followers.ts';
import { systemTx } from './ownership-input.ts';
import { allowedIds, getOrNone, inIds, refId } from './record-reads.ts';

const requestObject = 'customerTransferRequest';

/** The managers (user `manager` field) of these users: they decide transfer requests. Read with `sys`. */
async function managersOf(sys: Ctx, users: number[]): Promise<number[]> {
  const rows = await records(sys, 'user').all({ filter: inIds('id', users), sort: [{ field: 'id', dir: 'asc' }] });
  return [...new Set(rows.flatMap((u) => (refId(u.manager) === null ? [] : [refId(u.manager)!])))];
}

/**
 * The record locked for the rest of the transaction (the engine's locked read of the pipeline), or undefined when
 * it does not exist or is in the recycle bin. Callers check the caller's rights on it before anything leaves.
 */
async function locked(tx: Ctx, object: string, id: number): Promise<Record<string, unknown> | undefined> {
  const r = await fetchFull(tx, tx.registry.get(object), id, true).catch((err) => {
    if (err instanceof KehuError && err.code === 'NOT_FOUND') return undefined;
    throw err;
  });
  return r && !r.row.deleted_at ? r.record : undefined;
}

/**
 * A salesperson refused because a colleague owns the customer asks for it (CUS-8). They name a customer they can
 * read, or one they have just met as a colleague's (the refusal or the form's check, see ownership-conflicts.ts);
 * any other id is answered like a missing one, so ids cannot be tried to learn names and owners. The request is
 * theirs (so their managers see it through their scope) and is shared with the current owner's manager; an
 * engine event `customer.transferRequested` lets notifications follow.
 */
export async function fileTransferRequest(engine: Engine, ctx: Ctx, customerId: number, reason: string) {
  return transaction(ctx, async (tx) => {
    const me = subjectOf(tx.actor);
    const sys = systemTx(engine, tx);
    const cust = tx.registry.get('customer');
    const existing = await getOrNone(sys, 'customer', customerId);
    const known =
      existing && ((await inScope(tx, cust, customerId, 'read')) || (await metConflict(sys, customerId, me)));
    if (!existing || !known) throw new KehuError('NOT_FOUND');
    const current = refId(existing.owner);
    if (current === null) throw new KehuError('CUSTOMER_IN_POOL', { customer: customerId }, undefined, 409);
    if (current === me) throw new KehuError('BAD_REQUEST', { detail: 'already the owner' });
    const pending: Filter = {
      and: [
        { field: 'customer', op: 'eq', value: customerId },
        { field: 'owner', op: 'eq', value: me },
        { field: 'status', op: 'eq', value: 'pending' },
      ],
    };
    if ((await records(sys, requestObject).list({ filter: pending, limit: 1 })).data.length)
      throw new KehuError('TRANSFER_REQUEST_PENDING', {}, undefined, 409);
    const created = await createRecord(
      tx,
      requestObject,
      { customer: customerId, owner: me, currentOwner: current, reason, status: 'pending' },
      { internal: true },
    );
    const id = created.id as number;
    const managers = await managersOf(sys, [me, current]);
    for (const m of managers) await addShare(sys, requestObject, id, { user: m, level: 'read' });
    await enqueueEvent(tx, 'customer', customerId, 'transferRequested', {
      request: id,
      requestedBy: me,
      currentOwner: current,
      managers,
    });
    return created;
  });
}

/**
 * May the actor give the customer away? Only its current owner's side can: the right to update and to assign
 * the customer as it stands now (its owner's manager chain, an administrator), asked of the engine's access
 * layer. The requester's own manager has no say over a colleague's customer.
 */
async function mayApprove(ctx: Ctx, customer: number): Promise<boolean> {
  const cust = ctx.registry.get('customer');
  return (await inScope(ctx, cust, customer, 'update')) && (await inScope(ctx, cust, customer, 'assign'));
}

/** May the actor turn the request down? Who may approve it, and the requester's managers (their person asked). */
async function mayReject(ctx: Ctx, sys: Ctx, requester: number, customer: number): Promise<boolean> {
  if ((await managersOf(sys, [requester])).includes(subjectOf(ctx.actor))) return true;
  return mayApprove(ctx, customer);
}

/**
 * Approve (the customer, its contacts and open records move to the requester, in the same transaction) or
 * reject a pending request, with an optional comment. Whoever cannot read the request gets 404.
 */
export async function decideTransferRequest(
  engine: Engine,
  ctx: Ctx,
  id: number,
  approve: boolean,
  comment: string | null,
) {
  return transaction(ctx, async (tx) => {
    const req = tx.registry.get(requestObject);
    const row = await locked(tx, requestObject, id);
    if (!row) throw new KehuError('NOT_FOUND');
    const requester = Number(refId(row.owner));
    const customer = Number(refId(row.customer));
    if (!(await inScope(tx, req, id, 'read'))) throw new KehuError('NOT_FOUND');
    // The customer as it stands now (locked): the rights are checked on its current owner, not the filed one.
    const now = await locked(tx, 'customer', customer);
    const sys = systemTx(engine, tx);
    if (approve ? !(await mayApprove(tx, customer)) : !(await mayReject(tx, sys, requester, customer)))
      throw new KehuError(approve ? 'TRANSFER_APPROVAL_FORBIDDEN' : 'FORBIDDEN', {}, undefined, 403);
    if (row.status !== 'pending') throw new KehuError('TRANSFER_REQUEST_DECIDED', {}, undefined, 409);
    const me = subjectOf(tx.actor);
    let moved: Record<string, number> = {};
    if (approve) {
      if (!now) throw new KehuError('NOT_FOUND');
      const from = refId(now.owner);
      // The owner's side approved (checked above); the requester asked, so no right to assign to them is needed.
      await updateRecord(tx, 'customer', customer, { owner: requester }, { internal: true });
      moved = await moveFollowers(engine, tx, [{ id: customer, from }], requester);
    }
    const decided = await updateRecord(
      tx,
      requestObject,
      id,
      { status: approve ? 'approved' : 'rejected', decidedBy: me, decidedAt: new Date().toISOString(), comment },
      { internal: true },
    );
    await enqueueEvent(tx, 'customer', customer, approve ? 'transferApproved' : 'transferRejected', {
      request: id,
      requestedBy: requester,
      decidedBy: me,
    });
    return { ...decided, moved };
  });
}

/**
 * Pending requests the actor may decide, oldest first (through the read path: shares and scopes), each with
 * `canApprove`: whether the actor is on the customer's side (else they may only reject).
 */
export async function requestsToDecide(ctx: Ctx) {
  const me = subjectOf(ctx.actor);
  const filter = ctx.actor.isAdmin
    ? { field: 'status', op: 'eq' as const, value: 'pending' }
    : {
        and: [
          { field: 'status', op: 'eq' as const, value: 'pending' },
          {
            or: [
              { field: 'owner.manager', op: 'eq' as const, value: me },
              { field: 'currentOwner.manager', op: 'eq' as const, value: me },
            ],
          },
        ],
      };
  const req = ctx.registry.get(requestObject);
  // Roles without any grant on requests see none (the shares to managers need at least an "own" read grant).
  if (ctx.access.scope(req.name, 'read') === 'none') return [];
  const rows = (
    await records(ctx, requestObject).list({ filter, sort: [{ field: 'createdAt', dir: 'asc' }], limit: 200 })
  ).data;
  const customers = rows.map((r) => refId(r.customer)).filter((x) => x !== null);
  // Approvable: the caller may both update and assign the customer as it stands (shares included).
  const assignable = [...(await allowedIds(ctx, 'customer', customers, 'assign'))];
  const approvable = await allowedIds(ctx, 'customer', assignable, 'update');
  return rows.map((r) => ({ ...r, canApprove: approvable.has(refId(r.customer) ?? 0) }));
}
