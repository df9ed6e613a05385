import type { Filter } from '@kehu/common';
import { type Ctx, transaction } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { systemTx } from './ownership-input.ts';
import { inIds } from './record-reads.ts';

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
 * at a contact or a task the manager cannot edit, so the followers are found as the system (in the caller's
 * transaction) and written as internal changes by the caller. Returns counts per object.
 */
export async function moveFollowers(
  engine: Engine,
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
    const sys = systemTx(engine, tx);
    for (const f of ownershipFollowers.all()) {
      if (!tx.registry.has(f.object)) continue;
      const obj = tx.registry.get(f.object);
      if (!obj.ownerField || !obj.fields.get(f.customerField)?.column) continue;
      for (const [from, ids] of byFrom) {
        const filter: Filter = {
          and: [
            inIds(f.customerField, ids),
            { field: obj.ownerField.name, op: 'eq', value: from },
            ...(f.openFilter ? [f.openFilter] : []),
          ],
        };
        const rows = await records(sys, f.object).all({ filter, sort: [{ field: 'id', dir: 'asc' }] });
        for (const r of rows) await updateRecord(tx, f.object, Number(r.id), { owner: to }, { internal: true });
        if (rows.length) moved[f.object] = (moved[f.object] ?? 0) + rows.length;
      }
    }
    return moved;
  });
}
