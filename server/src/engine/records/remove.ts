import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { KehuError } from '../errors.ts';
import { assertWritableObject, authorizeExisting } from './authorize.ts';
import { fetchFull } from './fetch.ts';
import type { WriteEvent } from './hooks.ts';
import type { WriteOptions } from './save.ts';
import { updateRecord } from './save.ts';
import { finishWrite } from './write.ts';

/** Move a record to the recycle bin (SEC-10). */
export async function deleteRecord(ctx: Ctx, objectName: string, id: number, opts: WriteOptions = {}) {
  const obj = ctx.registry.get(objectName);
  assertWritableObject(obj, opts.internal);
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, obj, id, 'delete');
    const { row, record: before } = await fetchFull(tx, obj, id, true);
    if (row.deleted_at) throw new KehuError('NOT_FOUND');
    if (opts.version !== undefined && opts.version !== row.version)
      throw new KehuError('VERSION_CONFLICT', { current: row.version });
    const event: WriteEvent = { action: 'delete', object: obj, id, before, values: {} };
    await tx.registry.hooks.run('before', tx, event);
    await sql`update ${sql.table(obj.table)} set deleted_at = now(), deleted_by = ${tx.actor.userId || null},
      version = version + 1, updated_at = now(), updated_by = ${tx.actor.userId || null} where id = ${id}`.execute(
      tx.db,
    );
    return finishWrite(tx, obj, id, 'delete', event, before);
  });
}

/** Bring a record back from the recycle bin. Unique values taken meanwhile make this fail cleanly. */
export async function undeleteRecord(ctx: Ctx, objectName: string, id: number) {
  const obj = ctx.registry.get(objectName);
  assertWritableObject(obj);
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, obj, id, 'delete');
    const { row, record: before } = await fetchFull(tx, obj, id, true);
    if (!row.deleted_at) throw new KehuError('NOT_DELETED');
    const event: WriteEvent = { action: 'undelete', object: obj, id, before, values: {} };
    await tx.registry.hooks.run('before', tx, event);
    try {
      await sql`update ${sql.table(obj.table)} set deleted_at = null, deleted_by = null, version = version + 1,
        updated_at = now(), updated_by = ${tx.actor.userId || null} where id = ${id}`.execute(tx.db);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new KehuError('DUPLICATE_VALUE', { field: '' });
      throw err;
    }
    return finishWrite(tx, obj, id, 'undelete', event, before);
  });
}

/** Restore the field values of an earlier version, as a new version (SEC-10). */
export async function restoreVersion(ctx: Ctx, objectName: string, id: number, version: unknown) {
  const obj = ctx.registry.get(objectName);
  if (typeof version !== 'number' || !Number.isSafeInteger(version))
    throw new KehuError('UNKNOWN_VERSION', { version: String(version) });
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, obj, id, 'update');
    const r = await sql<{ snapshot: Record<string, unknown> }>`select snapshot from sys_history
      where object = ${obj.name} and record_id = ${id} and version = ${version}`.execute(tx.db);
    if (!r.rows[0]) throw new KehuError('UNKNOWN_VERSION', { version });
    const snap = r.rows[0].snapshot;
    const input: Record<string, unknown> = {};
    for (const f of obj.fields.values()) {
      if (!f.impl.writable || f.readOnly || f.impl.secret || !(f.name in snap)) continue;
      if (!tx.access.canWriteField(obj, f) || !tx.access.canReadField(obj, f)) continue;
      input[f.name] = snap[f.name];
    }
    return updateRecord(tx, obj.name, id, input, { action: 'restore' });
  });
}

export { fetchFull };
