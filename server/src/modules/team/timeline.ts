import type { Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { getRecord, type ListResult, listRecords } from '../../engine/query/list.ts';

export interface TimelineQuery {
  cursor?: string;
  limit?: number;
  /** Activity types to keep (call, visit …). */
  types?: string[];
}

/** Activity fields that point at records of `object` (customer, contact, opportunity, custom ones). */
function pointersTo(ctx: Ctx, object: string): string[] {
  const activity = ctx.registry.get('activity');
  return [...activity.fields.values()]
    .filter((f) => f.type === 'manyToOne' && f.object === object && ctx.access.canReadField(activity, f))
    .map((f) => f.name);
}

/**
 * Activities of a record, newest first, keyset-paged (TEAM-2). For a customer they include the activities of its
 * contacts and opportunities (even when the customer was not filled in). The record must be readable (else
 * NOT_FOUND), and the activities are those the caller may read: both checks are the engine's.
 */
export async function activitiesOf(ctx: Ctx, object: string, id: number, q: TimelineQuery): Promise<ListResult> {
  const obj = ctx.registry.get(object);
  await getRecord(ctx, obj, id);
  const activity = ctx.registry.get('activity');
  const direct = pointersTo(ctx, object);
  const or: Filter[] = direct.map((field) => ({ field, op: 'eq', value: id }));
  if (object === 'customer') {
    for (const via of ['contact', 'opportunity']) {
      const f = activity.fields.get(via);
      const back = f && ctx.registry.get(f.object!).fields.get('customer');
      if (
        f &&
        back &&
        ctx.access.canReadField(activity, f) &&
        ctx.access.canReadField(ctx.registry.get(f.object!), back)
      )
        or.push({ field: `${via}.customer`, op: 'eq', value: id });
    }
  }
  if (or.length === 0) throw new KehuError('UNKNOWN_FIELD', { field: 'activities' });
  const and: Filter[] = [{ or }];
  if (q.types?.length) and.push({ field: 'type', op: 'in', value: q.types });
  return listRecords(ctx, activity, {
    filter: { and },
    sort: [{ field: 'time', dir: 'desc' }],
    limit: q.limit ?? 50,
    cursor: q.cursor,
  });
}
