import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { getRecord, type ListQuery, type ListResult, listRecords } from './list.ts';

/**
 * A related list: the records of a one-to-many field's target that point back at record `id`. The parent must be
 * readable (else NOT_FOUND), and the target's own read scope and filters apply as in any list.
 */
export async function listRelated(
  ctx: Ctx,
  obj: ObjectDef,
  id: number,
  fieldName: string,
  q: ListQuery,
): Promise<ListResult> {
  const f = obj.fields.get(fieldName);
  if (f?.type !== 'oneToMany' || !ctx.access.canReadField(obj, f)) {
    throw new KehuError('UNKNOWN_FIELD', { field: String(fieldName).slice(0, 60) });
  }
  await getRecord(ctx, obj, id);
  const target = ctx.registry.get(f.object!);
  const back = target.fields.get(f.field!);
  if (!back?.column) throw new KehuError('UNKNOWN_FIELD', { field: fieldName });
  return listRecords(ctx, target, { ...q, deleted: false, parentRef: { column: back.column, id } });
}
