import { sql } from 'kysely';
import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { createRecord } from '../../engine/records/save.ts';

const conflictObject = 'customerConflict';

/** How long a met conflict lets its person ask for the customer (CUS-8: the request follows the refusal). */
export const conflictMemoryHours = 24;

/** Has `userId` (default: the actor) met this customer as a colleague's in the last `conflictMemoryHours`? */
export async function metConflict(ctx: Ctx, customerId: number, userId = subjectOf(ctx.actor)): Promise<boolean> {
  const obj = ctx.registry.get(conflictObject);
  const r = await sql`select 1 from ${sql.table(obj.table)} where deleted_at is null
    and ${sql.ref(obj.fields.get('customer')!.column!)} = ${customerId} and ${sql.ref(obj.ownerColumn)} = ${userId}
    and created_at > now() - make_interval(hours => ${conflictMemoryHours}) limit 1`.execute(ctx.db);
  return r.rows.length > 0;
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
      await sql`set local lock_timeout = '2s'`.execute(tx.db);
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
