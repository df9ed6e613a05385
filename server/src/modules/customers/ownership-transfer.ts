import { type Ctx, transaction } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { maxBulk } from '../../engine/records/bulk.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { maskName } from './duplicates.ts';
import { moveFollowers } from './ownership-followers.ts';
import { isId, systemTx } from './ownership-input.ts';
import { allowedIds, getOrNone, inIds, refId } from './record-reads.ts';

export interface TransferInput {
  ids?: unknown;
  fromOwner?: unknown;
  toOwner?: unknown;
  withOpen?: unknown;
}

export interface TransferResult {
  customers: number;
  /** Records moved along, per object (contact, opportunity, task…). */
  moved: Record<string, number>;
}

function parse(input: TransferInput) {
  const byIds = input.ids !== undefined;
  if (byIds === (input.fromOwner !== undefined))
    throw new KehuError('BAD_REQUEST', { detail: 'give either ids or fromOwner' });
  const problems: Record<string, 'required' | 'type'> = {};
  if (!isId(input.toOwner)) problems.toOwner = input.toOwner == null ? 'required' : 'type';
  if (byIds && (!Array.isArray(input.ids) || input.ids.length === 0 || !input.ids.every(isId))) problems.ids = 'type';
  if (!byIds && !isId(input.fromOwner)) problems.fromOwner = 'type';
  if (input.withOpen !== undefined && typeof input.withOpen !== 'boolean') problems.withOpen = 'type';
  if (Object.keys(problems).length) throw validationFailed(problems);
  if (byIds && (input.ids as number[]).length > maxBulk) throw new KehuError('TOO_MANY_RECORDS', { max: maxBulk });
  return {
    ids: byIds ? [...new Set(input.ids as number[])].sort((a, b) => a - b) : undefined,
    fromOwner: byIds ? undefined : (input.fromOwner as number),
    toOwner: input.toOwner as number,
    withOpen: input.withOpen === true,
  };
}

interface Selected {
  id: number;
  name: string;
  ownerId: number | null;
  canRead: boolean;
  canMove: boolean;
}

/**
 * Customers of the selection with what the checks need; ids the caller cannot read at all are NOT_FOUND. The
 * selection is found as the system (`sys`): a handover takes every customer of the person, and refuses the whole
 * move when the caller may not move one of them (named masked if the caller cannot read it).
 */
async function select(tx: Ctx, sys: Ctx, p: ReturnType<typeof parse>): Promise<Selected[]> {
  const rows = await records(sys, 'customer').all(
    {
      filter: p.ids ? inIds('id', p.ids) : { field: 'owner', op: 'eq', value: p.fromOwner! },
      sort: [{ field: 'id', dir: 'asc' }],
    },
    maxBulk + 1,
  );
  if (rows.length > maxBulk) throw new KehuError('TOO_MANY_RECORDS', { max: maxBulk });
  const ids = rows.map((r) => Number(r.id));
  const read = await allowedIds(tx, 'customer', ids, 'read');
  const update = await allowedIds(tx, 'customer', ids, 'update');
  const assign = await allowedIds(tx, 'customer', [...update], 'assign');
  const out = rows.map((r) => ({
    id: Number(r.id),
    name: r.name as string,
    ownerId: refId(r.owner),
    canRead: read.has(Number(r.id)),
    canMove: assign.has(Number(r.id)),
  }));
  if (p.ids && out.filter((x) => x.canRead).length !== p.ids.length) throw new KehuError('NOT_FOUND');
  return out;
}

/**
 * Assign or transfer customers (CUS-7): chosen ones, or every customer of `fromOwner` (handover when an employee
 * leaves), to `toOwner`; with `withOpen`, their contacts and open registered records too. One transaction, each
 * record through the pipeline (history). The caller needs the right to edit and to assign every customer, and
 * to assign to the receiver; otherwise nothing moves and the first customer refused is named.
 */
export async function transferCustomers(engine: Engine, ctx: Ctx, input: TransferInput): Promise<TransferResult> {
  const p = parse(input);
  return transaction(ctx, async (tx) => {
    const obj = tx.registry.get('customer');
    const sys = systemTx(engine, tx);
    const target = await getOrNone(sys, 'user', p.toOwner);
    if (!target || target.active === false) throw validationFailed({ toOwner: 'notFound' });
    if (!(await tx.access.allowsOwner(obj, 'assign', p.toOwner)))
      throw new KehuError('TRANSFER_TARGET_FORBIDDEN', { user: target.name }, undefined, 403);
    const rows = await select(tx, sys, p);
    const refused = rows.find((x) => !x.canMove);
    if (refused) {
      const label = refused.canRead ? refused.name : maskName(refused.name);
      throw new KehuError('TRANSFER_FORBIDDEN', { customer: label }, undefined, 403);
    }
    let customers = 0;
    for (const row of rows) {
      if (row.ownerId === p.toOwner) continue;
      await updateRecord(tx, 'customer', row.id, { owner: p.toOwner });
      customers++;
    }
    const moved = p.withOpen
      ? await moveFollowers(
          engine,
          tx,
          rows.map((x) => ({ id: x.id, from: x.ownerId })),
          p.toOwner,
        )
      : {};
    return { customers, moved };
  });
}
