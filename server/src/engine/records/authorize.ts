import type { Operation } from '@kehu/common';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { inScope } from './fetch.ts';

/** Objects whose rows the engine writes itself (logs) refuse client writes. */
export function assertWritableObject(obj: ObjectDef, internal = false): void {
  if (obj.apiReadOnly && !internal) throw new KehuError('READ_ONLY_OBJECT', { object: obj.name });
}

/**
 * A write on an existing record: outside the read scope it does not exist (404, no existence leak);
 * readable but outside the write scope is 403.
 */
export async function authorizeExisting(ctx: Ctx, obj: ObjectDef, id: number, op: Operation): Promise<void> {
  if (ctx.access.scope(obj.name, op) === 'none' && ctx.access.scope(obj.name, 'read') === 'none')
    throw new KehuError('NOT_FOUND');
  if (await inScope(ctx, obj, id, op)) return;
  throw new KehuError((await inScope(ctx, obj, id, 'read')) ? 'FORBIDDEN' : 'NOT_FOUND');
}

/** Creating, or assigning to a new owner, must stay inside the actor's scope for that operation. */
export async function authorizeOwner(ctx: Ctx, obj: ObjectDef, op: Operation, ownerId: number | null): Promise<void> {
  if (ctx.access.scope(obj.name, op) === 'none') throw new KehuError('FORBIDDEN');
  if (obj.ownerField && !(await ctx.access.allowsOwner(obj, op, ownerId))) throw new KehuError('FORBIDDEN');
}
