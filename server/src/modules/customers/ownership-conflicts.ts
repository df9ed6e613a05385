import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { lockTimeout } from '../../engine/locks.ts';
import { records } from '../../engine/query/builder.ts';
import { createRecord } from '../../engine/records/save.ts';

const conflictObject = 'customerConflict';

/** How long a met conflict lets its person ask for the customer (CUS-8: the request follows the refusal). */
export const conflictMemoryHours = 24;

/**
 * Has `userId` met this customer as a colleague's in the last `conflictMemoryHours`? Asked with `sys` (the system
 * actor): the memory decides what the person may ask for, whatever they may read of it.
 */
export async function metConflict(sys: Ctx, customerId: number, userId: number): Promise<boolean> {
  const since = new Date(Date.now() - conflictMemoryHours * 3_600_000).toISOString();
  const page = await records(sys, conflictObject).list({
    filter: {
      and: [
        { field: 'customer', op: 'eq', value: customerId },
        { field: 'owner', op: 'eq', value: userId },
        { field: 'createdAt', op: 'gt', value: since },
      ],
    },
    limit: 1,
  });
  return page.data.length > 0;
}

/**
 * Remember that the actor met customer `customerId`, owned by `ownerId` (once per window). Written by the system
 * in a transaction of its own: the refused save that met the conflict is rolled back, its memory must stay. A
 * short lock timeout keeps it from waiting on the caller's still open transaction; failing to remember only
 * means a later request is refused, so it never hides the conflict itself.
 */
export async function rememberConflict(
  engine: Engine,
  ctx: Ctx,
  customerId: number,
  ownerId: number | null,
): Promise<void> {
  if (!ctx.actor.userId) return;
  const me = subjectOf(ctx.actor);
  const sys = engine.systemContext();
  try {
    if (await metConflict(sys, customerId, me)) return;
    await transaction(sys, async (tx) => {
      await lockTimeout(tx, 2000);
      await createRecord(
        tx,
        conflictObject,
        { customer: customerId, owner: me, currentOwner: ownerId },
        { internal: true },
      );
    });
  } catch {
    // Best effort, see above.
  }
}
