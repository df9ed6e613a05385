import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { col } from './links.ts';

/**
 * Generated data only (demo and benchmark seeding, like `loadRecords`): bring customers' "last contact" up to
 * their latest generated activity in one set-based update, instead of one pipeline write per customer (thousands
 * of them would take minutes). Live activities go through the activity hook and the records pipeline.
 */
export async function bringLastContactForward(
  ctx: Ctx,
  acts: Array<{ customer: number; time: string }>,
): Promise<void> {
  const latest = new Map<number, string>();
  const now = new Date().toISOString();
  for (const a of acts) if (a.time <= now && (latest.get(a.customer) ?? '') < a.time) latest.set(a.customer, a.time);
  if (latest.size === 0) return;
  const customer = ctx.registry.get('customer');
  const column = sql.ref(col(ctx, 'customer', 'lastContactAt'));
  // Raw SQL, justified: a set-based write for generated data only (demo and bench seeds, kept as they are), the
  // same kind as the seeds' bulk insert; the engine has no bulk-update helper yet, and live writes use the hook.
  await sql`update ${sql.table(customer.table)} as c set ${column} = v.at
    from unnest(${[...latest.keys()]}::bigint[], ${[...latest.values()]}::timestamptz[]) as v(id, at)
    where c.id = v.id and (c.${column} is null or c.${column} < v.at)`.execute(ctx.db);
}
