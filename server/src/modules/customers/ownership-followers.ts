import type { Filter } from '@kehu/common';
import { sql } from 'kysely';
import { type Ctx, transaction } from '../../engine/context.ts';
import { compileFilter } from '../../engine/query/filter.ts';
import { fullReach } from '../../engine/query/reach.ts';
import { updateRecord } from '../../engine/records/save.ts';

/** Records that change hands with their customer (CUS-7): contacts, open opportunities, open tasks… */
export interface OwnershipFollower {
  /** The object, e.g. `opportunity`; it must have an owner field. */
  object: string;
  /** Its many-to-one field pointing at the customer. */
  customerField: string;
  /** Which of its records are still open (e.g. status not won/lost); absent = all of them. */
  openFilter?: Filter;
}

/**
 * Registration of follower objects. Other modules call `ownershipFollowers.register(…)` in their `setup()`
 * (the sales module for opportunities, the team module for tasks). Registering twice is harmless (several
 * engines in one process each run setup).
 */
class OwnershipFollowers {
  private readonly list = new Map<string, OwnershipFollower>();

  register(f: OwnershipFollower): void {
    this.list.set(`${f.object}.${f.customerField}`, f);
  }

  all(): OwnershipFollower[] {
    return [...this.list.values()];
  }
}

export const ownershipFollowers = new OwnershipFollowers();

ownershipFollowers.register({ object: 'contact', customerField: 'customer' });

/**
 * Hand the followers of these customers that `from` owned over to `to`, each through the records pipeline
 * (history on every record). The customer-level rights were checked by the caller: a handover must not stop
 * at a contact or a task the manager cannot edit. Returns counts per object.
 */
export async function moveFollowers(
  ctx: Ctx,
  customers: Array<{ id: number; from: number | null }>,
  to: number,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  const byFrom = new Map<number, number[]>();
  for (const c of customers)
    if (c.from !== null && c.from !== to) byFrom.set(c.from, [...(byFrom.get(c.from) ?? []), c.id]);
  if (!byFrom.size) return moved;
  return transaction(ctx, async (tx) => {
    for (const f of ownershipFollowers.all()) {
      if (!tx.registry.has(f.object)) continue;
      const obj = tx.registry.get(f.object);
      const link = obj.fields.get(f.customerField)?.column;
      if (!obj.ownerField || !link) continue;
      const open = f.openFilter
        ? compileFilter(
            { registry: tx.registry, timezone: tx.timezone, now: new Date(), reach: fullReach, gate: () => true },
            obj,
            f.openFilter,
            't',
          )
        : sql`true`;
      for (const [from, ids] of byFrom) {
        const r = await sql<{ id: number }>`select t.id from ${sql.table(obj.table)} as t
          where t.deleted_at is null and ${sql.ref(`t.${link}`)} = any(${ids}::bigint[])
            and ${sql.ref(`t.${obj.ownerColumn}`)} = ${from} and ${open} order by t.id`.execute(tx.db);
        for (const { id } of r.rows) await updateRecord(tx, f.object, Number(id), { owner: to }, { internal: true });
        if (r.rows.length) moved[f.object] = (moved[f.object] ?? 0) + r.rows.length;
      }
    }
    return moved;
  });
}
