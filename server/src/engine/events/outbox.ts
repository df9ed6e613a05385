import { sql } from 'kysely';
import type { Ctx } from '../context.ts';

/**
 * Record a committed-to-be change in the outbox, inside the writing transaction (INT-3). The dispatcher
 * publishes it after commit; if the process dies in between, the row is still there on the next start.
 */
export async function enqueueEvent(
  ctx: Ctx,
  object: string,
  recordId: number | null,
  action: string,
  payload: Record<string, unknown> = {},
): Promise<void> {
  await eventInsert(ctx, object, recordId, action, payload).execute(ctx.db);
}

/** The statement of `enqueueEvent`, to run alone or with others (a record's version and its event together). */
export function eventInsert(
  ctx: Ctx,
  object: string,
  recordId: number | null,
  action: string,
  payload: Record<string, unknown> = {},
) {
  const body = ctx.cause ? { ...payload, cause: ctx.cause } : payload;
  return sql`insert into sys_outbox (object, record_id, action, actor_id, payload)
    values (${object}, ${recordId}, ${action}, ${ctx.actor.userId || null}, ${JSON.stringify(body)})`;
}
