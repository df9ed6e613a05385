import { sql } from 'kysely';
import { type Ctx, subjectOf, transaction } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { countRecords } from '../query/list.ts';
import { createRecord, updateRecord } from '../records/save.ts';
import type { ExportRequest } from './export.ts';

/** How long an approved export stays downloadable. */
const validHours = 24;

/** Exports above `limit` rows need an approved request (SEC-14). Administrators are exempt. */
export async function assertExportAllowed(ctx: Ctx, obj: ObjectDef, req: ExportRequest, limit: number): Promise<void> {
  if (ctx.actor.isAdmin) return;
  const rows = await countRecords(ctx, obj, { filter: req.filter, q: req.q }, 'export');
  if (rows > limit) throw new KehuError('EXPORT_APPROVAL_REQUIRED', { rows, limit }, undefined, 403);
}

/** Ask for a large export; an approver decides, then the requester downloads it once. */
export async function requestExport(ctx: Ctx, obj: ObjectDef, req: ExportRequest, reason: unknown) {
  if (ctx.access.scope(obj.name, 'export') === 'none') throw new KehuError('FORBIDDEN');
  if (typeof reason !== 'string' || reason.trim() === '') throw validationFailed({ reason: 'required' });
  const rowCount = await countRecords(ctx, obj, { filter: req.filter, q: req.q }, 'export');
  return createRecord(
    ctx,
    'exportRequest',
    { requester: subjectOf(ctx.actor), targetObject: obj.name, query: req, rowCount, reason: reason.slice(0, 2000) },
    { internal: true },
  );
}

/** Approve or reject a pending request: needs the update right on export requests; not one's own. */
export async function decideExport(ctx: Ctx, id: number, approve: boolean, comment: unknown) {
  return transaction(ctx, async (tx) => {
    const r = await sql<{ status: string; requester_id: number }>`select status, requester_id from obj_export_request
      where id = ${id} and deleted_at is null for update`.execute(tx.db);
    const row = r.rows[0];
    if (!row || tx.access.scope('exportRequest', 'update') === 'none') throw new KehuError('NOT_FOUND');
    if (row.requester_id === subjectOf(tx.actor) && !tx.actor.isAdmin) throw new KehuError('FORBIDDEN');
    if (row.status !== 'pending') throw validationFailed({ status: 'invalidOption' });
    return updateRecord(
      tx,
      'exportRequest',
      id,
      {
        status: approve ? 'approved' : 'rejected',
        approver: tx.actor.userId,
        decidedAt: new Date().toISOString(),
        comment: typeof comment === 'string' ? comment.slice(0, 2000) : null,
      },
      { internal: true },
    );
  });
}

/** The stored export of an approved request, for its requester, once, within the validity period. */
export async function consumeExport(ctx: Ctx, id: number): Promise<{ object: string; req: ExportRequest }> {
  return transaction(ctx, async (tx) => {
    const r = await sql<{
      status: string;
      requester_id: number;
      target_object: string;
      query: ExportRequest;
      fresh: boolean;
    }>`
      select status, requester_id, target_object, query, decided_at > now() - make_interval(hours => ${validHours}) as fresh
      from obj_export_request where id = ${id} and deleted_at is null for update`.execute(tx.db);
    const row = r.rows[0];
    if (!row || row.requester_id !== subjectOf(tx.actor)) throw new KehuError('NOT_FOUND');
    if (row.status !== 'approved' || !row.fresh) throw new KehuError('FORBIDDEN');
    await updateRecord(tx, 'exportRequest', id, { status: 'used' }, { internal: true });
    return { object: row.target_object, req: row.query };
  });
}
