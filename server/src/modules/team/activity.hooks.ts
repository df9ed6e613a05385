import type { Ctx } from '../../engine/context.ts';
import { validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { systemTx } from '../customers/ownership-input.ts';
import { getOrNone } from '../customers/record-reads.ts';
import { checkLinks, col, writes } from './links.ts';

async function beforeActivity(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete' || e.action === 'undelete') return;
  const time = col(ctx, 'activity', 'time');
  if (e.action === 'create' && (e.values[time] === undefined || e.values[time] === null))
    e.values[time] = new Date().toISOString();
  if (e.action !== 'create' && time in e.values && e.values[time] === null)
    throw validationFailed({ time: 'required' });
  await checkLinks(ctx, e);
}

/**
 * The customer's "last contact" (CUS, TEAM-2): the latest activity that has happened (future ones are plans, not
 * contact). Written through the records pipeline as an internal write, in the activity's transaction, so the
 * customer's history shows it. With no activity left the value stays (it may come from an import). Integrity, not
 * visibility: every activity of the customer counts, whoever writes, so they are read with `sys`.
 */
async function lastContactOf(sys: Ctx, customerId: number): Promise<string | null> {
  const r = await records(sys, 'activity').aggregate({
    filter: {
      and: [
        { field: 'customer', op: 'eq', value: customerId },
        { field: 'time', op: 'lte', value: new Date().toISOString() },
      ],
    },
    measures: { at: 'max:time' },
  });
  const at = r.totals?.at;
  return at ? new Date(at as string).toISOString() : null;
}

/** Bring the stored last contact to the latest activity; a customer in the recycle bin is left as it is. */
async function setLastContact(ctx: Ctx, sys: Ctx, customerId: number, onlyLater: boolean): Promise<void> {
  const latest = await lastContactOf(sys, customerId);
  if (latest === null) return;
  const customer = await getOrNone(sys, 'customer', customerId);
  if (!customer) return;
  const stored = customer.lastContactAt ? new Date(customer.lastContactAt as string).toISOString() : null;
  if (stored === latest || (onlyLater && stored !== null && stored > latest)) return;
  await updateRecord(ctx, 'customer', customerId, { lastContactAt: latest }, { internal: true });
}

async function afterActivity(ctx: Ctx, sys: Ctx, e: WriteEvent): Promise<void> {
  const now = e.after?.customer as { id: number } | null | undefined;
  const was = e.before?.customer as { id: number } | null | undefined;
  const moved = e.action === 'update' && (writes(e, 'time') || writes(e, 'customer'));
  if (e.action === 'create' || e.action === 'undelete') {
    if (now?.id) await setLastContact(ctx, sys, now.id, true);
  } else if (moved || e.action === 'restore' || e.action === 'delete') {
    for (const id of new Set([now?.id, was?.id])) if (id) await setLastContact(ctx, sys, id, false);
  }
}

export function registerActivityHooks(engine: Engine): void {
  engine.registry.hooks.on('activity', {
    before: beforeActivity,
    after: (ctx, e) => afterActivity(ctx, systemTx(engine, ctx), e),
  });
}
