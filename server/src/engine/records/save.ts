import { type Ctx, subjectOf, transaction } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { seenBy } from '../query/labels.ts';
import { assertWritableObject, authorizeExisting, authorizeOwner } from './authorize.ts';
import { fetchFull } from './fetch.ts';
import type { WriteAction, WriteEvent } from './hooks.ts';
import { parseInput } from './input.ts';
import { finishWrite, insertRow, updateRow } from './write.ts';

export interface WriteOptions {
  /** Engine-internal writes (logs, system jobs) may touch API-read-only objects and read-only fields. */
  internal?: boolean;
  /** Expected version (optimistic concurrency): a stale one gets VERSION_CONFLICT. */
  version?: number;
  action?: WriteAction;
  /** The approval engine's own write (its outcome on the record): passes the record lock of a running approval. */
  byFlow?: boolean;
  /** Values the record held before (a restored version, an undone merge): options deactivated since pass (WF-7). */
  pastValues?: boolean;
}

/** Create one record: authorize → validate → hooks → write → history → event (one transaction). */
export async function createRecord(ctx: Ctx, objectName: string, input: unknown, opts: WriteOptions = {}) {
  const obj = ctx.registry.get(objectName);
  assertWritableObject(obj, opts.internal);
  return transaction(ctx, async (tx) => {
    // Internal writes are the engine's own bookkeeping on a user's behalf (export requests, logs): no rights check.
    if (!opts.internal && tx.access.scope(obj.name, 'create') === 'none') throw new KehuError('FORBIDDEN');
    const parsed = await parseInput(tx, obj, input, 'create', { internal: opts.internal });
    const values = parsed.columns;
    if (obj.ownerField) {
      const col = obj.ownerField.column!;
      if (values[col] === undefined || values[col] === null) values[col] = subjectOf(tx.actor);
      if (!opts.internal) await authorizeOwner(tx, obj, 'create', values[col] as number);
    }
    const event: WriteEvent = { action: 'create', object: obj, values, internal: opts.internal };
    await tx.registry.hooks.run('before', tx, event);
    for (const f of obj.fields.values()) {
      if (f.impl.fillOnCreate) {
        Object.assign(
          values,
          await f.impl.fillOnCreate({
            db: tx.db,
            object: obj,
            field: f,
            userId: tx.actor.userId,
            timezone: tx.timezone,
            objectDef: (n) => tx.registry.get(n),
          }),
        );
      }
    }
    const id = await insertRow(tx, obj, values, parsed);
    return finishWrite(tx, obj, id, 'create', event);
  });
}

/** Update one record (PATCH semantics: only the given fields change). */
export async function updateRecord(ctx: Ctx, objectName: string, id: number, input: unknown, opts: WriteOptions = {}) {
  const obj = ctx.registry.get(objectName);
  assertWritableObject(obj, opts.internal);
  return transaction(ctx, async (tx) => {
    if (!opts.internal) await authorizeExisting(tx, obj, id, 'update');
    const { row, record: before } = await fetchFull(tx, obj, id, true);
    if (row.deleted_at) throw new KehuError('NOT_FOUND');
    if (opts.version !== undefined && opts.version !== row.version) {
      throw new KehuError('VERSION_CONFLICT', { current: row.version });
    }
    const parsed = await parseInput(tx, obj, input, 'update', {
      internal: opts.internal,
      recordId: id,
      pastValues: opts.pastValues || opts.action === 'restore',
    });
    const values = parsed.columns;
    if (obj.ownerField && !opts.internal) {
      const col = obj.ownerField.column!;
      if (values[col] !== undefined && values[col] !== row[col]) {
        // Changing the owner is an assignment (CUS-7): the record and the new owner must both be in scope.
        await authorizeExisting(tx, obj, id, 'assign');
        await authorizeOwner(tx, obj, 'assign', values[col] as number | null);
      }
    }
    const event: WriteEvent = {
      action: opts.action ?? 'update',
      object: obj,
      id,
      before,
      values,
      internal: opts.internal,
      byFlow: opts.byFlow,
    };
    await tx.registry.hooks.run('before', tx, event);
    const changed = Object.entries(values).some(([c, v]) => JSON.stringify(v) !== JSON.stringify(normal(row[c])));
    if (!changed && parsed.links.length === 0) return seenBy(tx, obj, before);
    await updateRow(tx, obj, id, values, parsed.links);
    return finishWrite(tx, obj, id, event.action, event, before);
  });
}

/** Compare stored values with parsed input in the same shape (dates as text, numbers as stored). */
function normal(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/** Parse and check a record id from a path or body. */
export function recordId(v: unknown): number {
  const n = typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) throw new KehuError('NOT_FOUND');
  return n;
}

export type { ObjectDef };
