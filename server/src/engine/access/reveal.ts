import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { withholdLabels } from '../query/labels.ts';
import { readerReach } from '../query/reach.ts';
import { authorizeExisting } from '../records/authorize.ts';
import { fetchFull } from '../records/fetch.ts';

/**
 * The full value of a masked field (SEC-14), for someone who may read the record and the field.
 * The HTTP layer writes the operation log entry that audits every reveal.
 */
export async function revealField(ctx: Ctx, objectName: string, id: number, field: unknown): Promise<unknown> {
  const obj = ctx.registry.get(objectName);
  const f = typeof field === 'string' ? obj.fields.get(field) : undefined;
  if (!f || !ctx.access.canReadField(obj, f))
    throw new KehuError('UNKNOWN_FIELD', { field: String(field).slice(0, 60) });
  await authorizeExisting(ctx, obj, id, 'read');
  const { row, record } = await fetchFull(ctx, obj, id);
  if (row.deleted_at) throw new KehuError('NOT_FOUND');
  // Only the field asked for, and a relation's title only as far as the caller may read its target (SEC-2).
  const out = { [f.name]: record[f.name] ?? null };
  await withholdLabels(ctx.db, ctx.registry, obj, [out], await readerReach(ctx));
  return out[f.name];
}
