import { sql } from 'kysely';
import { addShare } from '../../engine/access/shares.ts';
import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { enqueueEvent } from '../../engine/events/outbox.ts';
import type { Engine } from '../../engine/kernel.ts';
import { listRecords } from '../../engine/query/list.ts';
import { inScope } from '../../engine/records/fetch.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { metConflict } from './ownership-conflicts.ts';
import { moveFollowers } from './ownership-followers.ts';
import { systemTx } from './ownership-input.ts';

const requestObject = 'customerTransferRequest';

/** The managers (user `manager` field) of these users: they decide transfer requests. */
async function managersOf(ctx: Ctx, users: number[]): Promise<number[]> {
  const r = await sql<{ manager_id: number | null }>`select manager_id from obj_user
    where id = any(${users}::bigint[]) and deleted_at is null`.execute(ctx.db);
  return [...new Set(r.rows.flatMap((x) => (x.manager_id === null ? [] : [Number(x.manager_id)])))];
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
    const cust = tx.registry.get('customer');
    const r = await sql<{ owner_id: number | null }>`select ${sql.ref(cust.ownerColumn)} as owner_id
      from ${sql.table(cust.table)} where id = ${customerId} and deleted_at is null`.execute(tx.db);
    const known = r.rows[0] && ((await inScope(tx, cust, customerId, 'read')) || (await metConflict(tx, customerId)));
    if (!known) throw new KehuError('NOT_FOUND');
    const current = r.rows[0].owner_id === null ? null : Number(r.rows[0].owner_id);
    if (current === null) throw new KehuError('CUSTOMER_IN_POOL', { customer: customerId }, undefined, 409);
    if (current === me) throw new KehuError('BAD_REQUEST', { detail: 'already the owner' });
    const req = tx.registry.get(requestObject);
    const c = (f: string) => sql.ref(req.fields.get(f)!.column!);
    const pending = await sql`select 1 from ${sql.table(req.table)} where deleted_at is null
      and ${c('customer')} = ${customerId} and ${c('owner')} = ${me} and ${c('status')} = 'pending'`.execute(tx.db);
    if (pending.rows.length) throw new KehuError('TRANSFER_REQUEST_PENDING', {}, undefined, 409);
    const created = await createRecord(
      tx,
      requestObject,
      { customer: customerId, owner: me, currentOwner: current, reason, status: 'pending' },
      { internal: true },
    );
    const id = created.id as number;
    const managers = await managersOf(tx, [me, current]);
    for (const m of managers) await addShare(systemTx(engine, tx), requestObject, id, { user: m, level: 'read' });
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
async function mayReject(ctx: Ctx, requester: number, customer: number): Promise<boolean> {
  if ((await managersOf(ctx, [requester])).includes(subjectOf(ctx.actor))) return true;
  return mayApprove(ctx, customer);
}

/**
 * Approve (the customer, its contacts and open records move to the requester, in the same transaction) or
 * reject a pending request, with an optional comment. Whoever cannot read the request gets 404.
 */
export async function decideTransferRequest(ctx: Ctx, id: number, approve: boolean, comment: string | null) {
  return transaction(ctx, async (tx) => {
    const req = tx.registry.get(requestObject);
    const c = (f: string) => sql.ref(req.fields.get(f)!.column!);
    const r = await sql<{ customer_id: number; owner_id: number; current_owner_id: number | null; status: string }>`
      select ${c('customer')} as customer_id, ${c('owner')} as owner_id, ${c('currentOwner')} as current_owner_id,
        ${c('status')} as status
      from ${sql.table(req.table)} where id = ${id} and deleted_at is null for update`.execute(tx.db);
    const row = r.rows[0];
    if (!row) throw new KehuError('NOT_FOUND');
    const requester = Number(row.owner_id);
    const customer = Number(row.customer_id);
    if (!(await inScope(tx, req, id, 'read'))) throw new KehuError('NOT_FOUND');
    const cust = tx.registry.get('customer');
    // The customer as it stands now (locked): the rights are checked on its current owner, not the filed one.
    const o = await sql<{ owner_id: number | null }>`select ${sql.ref(cust.ownerColumn)} as owner_id
      from ${sql.table(cust.table)} where id = ${customer} and deleted_at is null for update`.execute(tx.db);
    if (approve ? !(await mayApprove(tx, customer)) : !(await mayReject(tx, requester, customer)))
      throw new KehuError(approve ? 'TRANSFER_APPROVAL_FORBIDDEN' : 'FORBIDDEN', {}, undefined, 403);
    if (row.status !== 'pending') throw new KehuError('TRANSFER_REQUEST_DECIDED', {}, undefined, 409);
    const me = subjectOf(tx.actor);
    let moved: Record<string, number> = {};
    if (approve) {
      if (!o.rows[0]) throw new KehuError('NOT_FOUND');
      const from = o.rows[0].owner_id === null ? null : Number(o.rows[0].owner_id);
      // The owner's side approved (checked above); the requester asked, so no right to assign to them is needed.
      await updateRecord(tx, 'customer', customer, { owner: requester }, { internal: true });
      moved = await moveFollowers(tx, [{ id: customer, from }], requester);
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
  const rows = (await listRecords(ctx, req, { filter, sort: [{ field: 'createdAt', dir: 'asc' }], limit: 200 })).data;
  const customers = rows.map((r) => (r.customer as { id: number } | null)?.id).filter((x) => x !== undefined);
  const cust = ctx.registry.get('customer');
  const [update, assign] = await Promise.all([
    ctx.access.predicate(cust, 'update', 't'),
    ctx.access.predicate(cust, 'assign', 't'),
  ]);
  const ok = await sql<{ id: number }>`select t.id from ${sql.table(cust.table)} as t
    where t.id = any(${customers}::bigint[]) and ${update} and ${assign}`.execute(ctx.db);
  const approvable = new Set(ok.rows.map((r) => Number(r.id)));
  return rows.map((r) => ({ ...r, canApprove: approvable.has((r.customer as { id: number } | null)?.id ?? 0) }));
}
