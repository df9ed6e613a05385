import { sql } from 'kysely';
import { type Ctx, transaction } from '../../engine/context.ts';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import { maxBulk } from '../../engine/records/bulk.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { maskName } from './duplicates.ts';
import { moveFollowers } from './ownership-followers.ts';
import { isId } from './ownership-input.ts';

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

/** Customers of the selection with what the checks need; ids the caller cannot read at all are NOT_FOUND. */
async function select(tx: Ctx, p: ReturnType<typeof parse>) {
  const obj = tx.registry.get('customer');
  const name = sql.ref(`t.${obj.fields.get('name')!.column!}`);
  const owner = sql.ref(`t.${obj.ownerColumn}`);
  const [read, update, assign] = await Promise.all(
    (['read', 'update', 'assign'] as const).map((op) => tx.access.predicate(obj, op, 't')),
  );
  const which = p.ids ? sql`t.id = any(${p.ids}::bigint[])` : sql`${owner} = ${p.fromOwner!}`;
  const r = await sql<{ id: number; name: string; owner_id: number | null; can_read: boolean; can_move: boolean }>`
    select t.id, ${name} as name, ${owner} as owner_id, (${read}) as can_read, (${update} and ${assign}) as can_move
    from ${sql.table(obj.table)} as t where t.deleted_at is null and ${which}
    order by t.id limit ${maxBulk + 1}`.execute(tx.db);
  if (r.rows.length > maxBulk) throw new KehuError('TOO_MANY_RECORDS', { max: maxBulk });
  if (p.ids && r.rows.filter((x) => x.can_read).length !== p.ids.length) throw new KehuError('NOT_FOUND');
  return r.rows;
}

/**
 * Assign or transfer customers (CUS-7): chosen ones, or every customer of `fromOwner` (handover when an employee
 * leaves), to `toOwner`; with `withOpen`, their contacts and open registered records too. One transaction, each
 * record through the pipeline (history). The caller needs the right to edit and to assign every customer, and
 * to assign to the receiver; otherwise nothing moves and the first customer refused is named.
 */
export async function transferCustomers(ctx: Ctx, input: TransferInput): Promise<TransferResult> {
  const p = parse(input);
  return transaction(ctx, async (tx) => {
    const obj = tx.registry.get('customer');
    const target = await sql<{ name: string; active: boolean | null }>`select name, active from obj_user
      where id = ${p.toOwner} and deleted_at is null`.execute(tx.db);
    if (!target.rows[0] || target.rows[0].active === false) throw validationFailed({ toOwner: 'notFound' });
    if (!(await tx.access.allowsOwner(obj, 'assign', p.toOwner)))
      throw new KehuError('TRANSFER_TARGET_FORBIDDEN', { user: target.rows[0].name }, undefined, 403);
    const rows = await select(tx, p);
    const refused = rows.find((x) => !x.can_move);
    if (refused) {
      const label = refused.can_read ? refused.name : maskName(refused.name);
      throw new KehuError('TRANSFER_FORBIDDEN', { customer: label }, undefined, 403);
    }
    let customers = 0;
    for (const row of rows) {
      if (row.owner_id !== null && Number(row.owner_id) === p.toOwner) continue;
      await updateRecord(tx, 'customer', Number(row.id), { owner: p.toOwner });
      customers++;
    }
    const moved = p.withOpen
      ? await moveFollowers(
          tx,
          rows.map((x) => ({ id: Number(x.id), from: x.owner_id === null ? null : Number(x.owner_id) })),
          p.toOwner,
        )
      : {};
    return { customers, moved };
  });
}
