import { sql } from 'kysely';
import { addShare } from '../../engine/access/shares.ts';
import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { enqueueEvent } from '../../engine/events/outbox.ts';
import type { Engine } from '../../engine/kernel.ts';
import { getRecord, listRecords } from '../../engine/query/list.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
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
 * A salesperson refused because a colleague owns the customer asks for it (CUS-8). The request is theirs (so
 * their managers see it through their scope) and is shared with the current owner's manager; an engine event
 * `customer.transferRequested` lets notifications follow.
 */
export async function fileTransferRequest(engine: Engine, ctx: Ctx, customerId: number, reason: string) {
  return transaction(ctx, async (tx) => {
    const me = subjectOf(tx.actor);
    const cust = tx.registry.get('customer');
    const r = await sql<{ owner_id: number | null }>`select ${sql.ref(cust.ownerColumn)} as owner_id
      from ${sql.table(cust.table)} where id = ${customerId} and deleted_at is null`.execute(tx.db);
    if (!r.rows[0]) throw new KehuError('NOT_FOUND');
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

/** May the actor decide this request? Administrators, and the managers of the requester and of the owner. */
async function mayDecide(ctx: Ctx, requester: number, current: number | null): Promise<boolean> {
  if (ctx.actor.isAdmin) return true;
  const managers = await managersOf(ctx, current === null ? [requester] : [requester, current]);
  return managers.includes(subjectOf(ctx.actor));
}

/**
 * Approve (the customer, its contacts and open records move to the requester, in the same transaction) or
 * reject a pending request, with an optional comment.
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
    const current = row.current_owner_id === null ? null : Number(row.current_owner_id);
    if (!(await mayDecide(tx, requester, current))) {
      await getRecord(tx, req, id); // NOT_FOUND when the actor cannot even see it
      throw new KehuError('FORBIDDEN');
    }
    if (row.status !== 'pending') throw new KehuError('TRANSFER_REQUEST_DECIDED', {}, undefined, 409);
    const me = subjectOf(tx.actor);
    const customer = Number(row.customer_id);
    let moved: Record<string, number> = {};
    if (approve) {
      const cust = tx.registry.get('customer');
      const o = await sql<{ owner_id: number | null }>`select ${sql.ref(cust.ownerColumn)} as owner_id
        from ${sql.table(cust.table)} where id = ${customer} and deleted_at is null for update`.execute(tx.db);
      if (!o.rows[0]) throw new KehuError('NOT_FOUND');
      const from = o.rows[0].owner_id === null ? null : Number(o.rows[0].owner_id);
      // The approval is the authority here: the approver need not have the right to assign this customer.
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

/** Pending requests the actor may decide, oldest first (through the read path: shares and scopes). */
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
  return (await listRecords(ctx, req, { filter, sort: [{ field: 'createdAt', dir: 'asc' }], limit: 200 })).data;
}
