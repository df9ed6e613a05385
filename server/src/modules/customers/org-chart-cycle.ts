import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import type { ObjectDef } from '../../engine/metadata/types.ts';

// One lock for every reports-to change, so that two concurrent edits (A→B and B→A) cannot both pass the check.
const lockKey = 0x6f726763;

/**
 * Would `id` reporting to `manager` close a loop (CUS-10)? True when `id` is already among `manager`'s superiors.
 * Integrity, not security: the whole chain is walked whoever can read it. `union` stops on a loop made before.
 */
export async function reportsToCycle(ctx: Ctx, obj: ObjectDef, id: number, manager: number): Promise<boolean> {
  const col = sql.ref(`c.${obj.fields.get('reportsTo')!.column!}`);
  await sql`select pg_advisory_xact_lock(${lockKey})`.execute(ctx.db);
  const r = await sql<{ cycle: boolean }>`with recursive chain(id) as (
      select ${manager}::bigint
      union
      select ${col} from ${sql.table(obj.table)} as c join chain on c.id = chain.id where ${col} is not null
    )
    select exists (select 1 from chain where id = ${id}) as cycle`.execute(ctx.db);
  return r.rows[0].cycle;
}
