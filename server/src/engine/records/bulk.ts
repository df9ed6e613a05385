import type { Filter, Operation } from '@kehu/common';
import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { KehuError } from '../errors.ts';
import { readWhere } from '../query/list.ts';
import { assertWritableObject } from './authorize.ts';
import { deleteRecord } from './remove.ts';
import { updateRecord } from './save.ts';

/** Records chosen by id or by a filter (exactly one of the two). */
export interface BulkSelection {
  ids?: number[];
  filter?: Filter;
}

export const maxBulk = 5000;

/** Ids in ascending order (concurrent batches then lock rows in the same order and cannot deadlock). */
async function selectIds(ctx: Ctx, objectName: string, sel: BulkSelection, op: Operation): Promise<number[]> {
  if (typeof sel !== 'object' || sel === null || (sel.ids === undefined) === (sel.filter === undefined)) {
    throw new KehuError('BAD_REQUEST', { detail: 'give either ids or filter' });
  }
  if (sel.ids !== undefined) {
    const ids = sel.ids;
    if (Array.isArray(ids) && ids.length > maxBulk) throw new KehuError('TOO_MANY_RECORDS', { max: maxBulk });
    if (!Array.isArray(ids) || ids.length === 0) throw new KehuError('BAD_REQUEST', { detail: 'ids' });
    if (!ids.every((id) => Number.isSafeInteger(id) && id > 0)) throw new KehuError('BAD_REQUEST', { detail: 'ids' });
    return [...new Set(ids)].sort((a, b) => a - b);
  }
  const obj = ctx.registry.get(objectName);
  const where = await readWhere(ctx, obj, { filter: sel.filter }, op);
  const r = await sql<{ id: number }>`select t.id from ${sql.table(obj.table)} as t where ${where}
    order by t.id limit ${maxBulk + 1}`.execute(ctx.db);
  if (r.rows.length > maxBulk) throw new KehuError('TOO_MANY_RECORDS', { max: maxBulk });
  return r.rows.map((x) => Number(x.id));
}

/**
 * Change the same fields on many records: one transaction, each record through the pipeline (access checks,
 * validation, hooks, history). Any failure — a record outside the caller's scope included — undoes them all.
 */
export async function bulkUpdate(
  ctx: Ctx,
  objectName: string,
  sel: BulkSelection,
  patch: unknown,
): Promise<{ updated: number }> {
  assertWritableObject(ctx.registry.get(objectName));
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch) || Object.keys(patch).length === 0) {
    throw new KehuError('BAD_REQUEST', { detail: 'values must be a non-empty object' });
  }
  return transaction(ctx, async (tx) => {
    const ids = await selectIds(tx, objectName, sel, 'update');
    for (const id of ids) await updateRecord(tx, objectName, id, patch);
    return { updated: ids.length };
  });
}

/** Move many records to the recycle bin, all or none. */
export async function bulkDelete(ctx: Ctx, objectName: string, sel: BulkSelection): Promise<{ deleted: number }> {
  assertWritableObject(ctx.registry.get(objectName));
  return transaction(ctx, async (tx) => {
    const ids = await selectIds(tx, objectName, sel, 'delete');
    for (const id of ids) await deleteRecord(tx, objectName, id);
    return { deleted: ids.length };
  });
}
