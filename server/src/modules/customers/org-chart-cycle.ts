import type { Ctx } from '../../engine/context.ts';
import { lockForTransaction } from '../../engine/locks.ts';
import { getLiveOrDeleted, refId } from './record-reads.ts';

// One lock for every reports-to change, so that two concurrent edits (A→B and B→A) cannot both pass the check.
const lockName = 'contact-reports-to';

/**
 * Would `id` reporting to `manager` close a loop (CUS-10)? True when `id` is already among `manager`'s superiors.
 * Integrity, not security: the whole chain is walked with `sys` (the system actor in the caller's transaction),
 * contacts in the recycle bin included (they may come back). A loop made before stops the walk.
 */
export async function reportsToCycle(sys: Ctx, id: number, manager: number): Promise<boolean> {
  await lockForTransaction(sys, lockName);
  const seen = new Set<number>();
  for (let at: number | null = manager; at !== null && !seen.has(at); ) {
    if (at === id) return true;
    seen.add(at);
    at = refId((await getLiveOrDeleted(sys, 'contact', at))?.reportsTo);
  }
  return false;
}
