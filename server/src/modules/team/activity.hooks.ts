import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { updateRecord } from '../../engine/records/save.ts';
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
 * customer's history shows it. With no activity left the value stays (it may come from an import).
 */
async function lastContactOf(ctx: Ctx, customerId: number): Promise<string | null> {
  const a = ctx.registry.get('activity');
  const r = await sql<{ at: Date | null }>`select max(${sql.ref(col(ctx, 'activity', 'time'))}) as at
    from ${sql.table(a.table)} where ${sql.ref(col(ctx, 'activity', 'customer'))} = ${customerId}
      and deleted_at is null and ${sql.ref(col(ctx, 'activity', 'time'))} <= now()`.execute(ctx.db);
  const at = r.rows[0]?.at;
  return at ? new Date(at).toISOString() : null;
}

async function storedLastContact(ctx: Ctx, customerId: number): Promise<string | null> {
  const c = ctx.registry.get('customer');
  const r = await sql<{ at: Date | null }>`select ${sql.ref(col(ctx, 'customer', 'lastContactAt'))} as at
    from ${sql.table(c.table)} where id = ${customerId}`.execute(ctx.db);
  const at = r.rows[0]?.at;
  return at ? new Date(at).toISOString() : null;
}

async function setLastContact(ctx: Ctx, customerId: number, onlyLater: boolean): Promise<void> {
  const latest = await lastContactOf(ctx, customerId);
  if (latest === null) return;
  const stored = await storedLastContact(ctx, customerId);
  if (stored === latest || (onlyLater && stored !== null && stored > latest)) return;
  await updateRecord(ctx, 'customer', customerId, { lastContactAt: latest }, { internal: true });
}

async function afterActivity(ctx: Ctx, e: WriteEvent): Promise<void> {
  const now = e.after?.customer as { id: number } | null | undefined;
  const was = e.before?.customer as { id: number } | null | undefined;
  const moved = e.action === 'update' && (writes(e, 'time') || writes(e, 'customer'));
  if (e.action === 'create' || e.action === 'undelete') {
    if (now?.id) await setLastContact(ctx, now.id, true);
  } else if (moved || e.action === 'restore' || e.action === 'delete') {
    for (const id of new Set([now?.id, was?.id])) if (id) await setLastContact(ctx, id, false);
  }
}

export function registerActivityHooks(engine: Engine): void {
  engine.registry.hooks.on('activity', { before: beforeActivity, after: afterActivity });
}
