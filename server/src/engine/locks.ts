import { sql } from 'kysely';
import type { Ctx } from './context.ts';

/**
 * A lock held until the caller's transaction ends, named by any text (`customer-pool-claim:42`): for modules that
 * must serialise a check and its write (a claim limit, a cycle check) without reading records to do it.
 */
export async function lockForTransaction(ctx: Ctx, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(ctx.db);
}

/** Give up waiting for a row lock after `ms` in the caller's transaction (a clear error instead of a long wait). */
export async function lockTimeout(ctx: Ctx, ms: number): Promise<void> {
  await sql.raw(`set local lock_timeout = '${Math.max(1, Math.round(ms))}ms'`).execute(ctx.db);
}
