import type { Filter, Operation } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { records } from '../../engine/query/builder.ts';
import { countRecords, getRecord } from '../../engine/query/list.ts';

/**
 * Small reading helpers over the engine's records builder, shared by the customers, team and notify modules. They
 * read nothing themselves: every row comes through the engine's read path with the given context's rights.
 */

const isNotFound = (err: unknown) => err instanceof KehuError && err.code === 'NOT_FOUND';

/** The id of a relation value (`{ id, label }`), or null. */
export const refId = (v: unknown): number | null =>
  v !== null && typeof v === 'object' && 'id' in v ? Number((v as { id: unknown }).id) : null;

/** A record by id inside ctx's scope, or undefined when there is none (instead of NOT_FOUND). */
export async function getOrNone(ctx: Ctx, object: string, id: number): Promise<Record<string, unknown> | undefined> {
  return records(ctx, object)
    .get(id)
    .catch((err) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
}

/** A record by id, live or in the recycle bin (integrity checks that look at both), inside ctx's scope. */
export async function getLiveOrDeleted(
  ctx: Ctx,
  object: string,
  id: number,
): Promise<Record<string, unknown> | undefined> {
  const live = await getOrNone(ctx, object, id);
  if (live) return live;
  return getRecord(ctx, ctx.registry.get(object), id, { deleted: true }).catch((err) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
}

/** `field in ids` for any number of ids (one list of the filter takes at most 1000); no ids matches nothing. */
export function inIds(field: string, ids: readonly number[]): Filter {
  const parts: Filter[] = [];
  for (let i = 0; i < ids.length; i += 1000) parts.push({ field, op: 'in', value: ids.slice(i, i + 1000) });
  return parts.length === 1 ? parts[0] : { or: parts };
}

/**
 * Which of `ids` the caller may `op` (read, update, assign…), as the engine's access predicate says — shares
 * included. A list refuses a scope of "none" outright, although an edit share still opens a record; counts do not
 * refuse, so such a scope is asked record by record, and only when the chunk holds any record at all.
 */
export async function allowedIds(
  ctx: Ctx,
  object: string,
  ids: readonly number[],
  op: Operation,
): Promise<Set<number>> {
  const obj = ctx.registry.get(object);
  const list = records(ctx, object);
  const wanted = [...new Set(ids)];
  const out = new Set<number>();
  const byId = (id: number): Filter => ({ field: 'id', op: 'eq', value: id });
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    const filter: Filter = { field: 'id', op: 'in', value: chunk };
    if (ctx.access.scope(object, op) !== 'none') {
      for (const r of (await list.list({ filter, limit: 500 }, op)).data) out.add(Number(r.id));
    } else if ((await countRecords(ctx, obj, { filter }, op)) > 0) {
      for (const id of chunk) if ((await countRecords(ctx, obj, { filter: byId(id) }, op)) > 0) out.add(id);
    }
  }
  return out;
}
