import { sql } from 'kysely';
import { loadActor } from '../../engine/access/actor.ts';
import { transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { countRecords } from '../../engine/query/list.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { nextRunOf, ruleTarget } from './alert-rules.ts';
import type { Channel } from './messages.ts';
import { col, notify } from './notify.service.ts';

export const alertTickJob = 'notify.alerts';
export const alertRunJob = 'notify.alert';

/**
 * User-defined alerts (TEAM-5, NOTIF-3). A tick each minute claims the rules that are due (moving `nextRunAt` on
 * in the same transaction, so no two processes claim one run) and queues one run job per rule; a run counts the
 * rule's rows as its owner — the owner's rights apply — and notifies them when anything matches.
 */
export function defineAlertJobs(engine: Engine): void {
  void engine.jobs.define(alertTickJob, () => claimDueRules(engine), { retryLimit: 0, expireInSeconds: 300 });
  void engine.jobs.define<{ id: number; at: string }>(alertRunJob, (d) => runAlert(engine, Number(d.id), d.at), {
    retryLimit: 3,
    retryDelay: 60,
  });
  void engine.jobs.schedule(alertTickJob, '* * * * *');
}

export async function claimDueRules(engine: Engine): Promise<number> {
  const ctx = engine.systemContext();
  const rule = engine.registry.get('alertRule');
  return transaction(ctx, async (tx) => {
    const due = await sql<{ id: number; schedule: string; cron: string | null; next_run_at: Date }>`
      select id, ${col(rule, 'schedule')} as schedule, ${col(rule, 'cron')} as cron, ${col(rule, 'nextRunAt')} as next_run_at
      from ${sql.table(rule.table)} where deleted_at is null and ${col(rule, 'active')} is not false
        and ${col(rule, 'nextRunAt')} <= now()
      order by ${col(rule, 'nextRunAt')} limit 500 for update skip locked`.execute(tx.db);
    for (const r of due.rows) {
      const at = new Date(r.next_run_at).toISOString();
      const next = nextRunOf(r.schedule, r.cron, new Date(), engine.timezone);
      await updateRecord(tx, 'alertRule', Number(r.id), { nextRunAt: next?.toISOString() ?? null }, { internal: true });
      await engine.jobs.send(alertRunJob, { id: Number(r.id), at }, { ctx: tx, singletonKey: `alert:${r.id}:${at}` });
    }
    return due.rows.length;
  });
}

/** Evaluate one rule as its owner; returns the count (null when the rule or its owner is gone). */
export async function runAlert(engine: Engine, id: number, at: string): Promise<number | null> {
  const system = engine.systemContext();
  const rule = engine.registry.get('alertRule');
  const r = await sql<{
    owner_id: number;
    name: string;
    view: unknown;
    object: unknown;
    filter: unknown;
    channels: unknown;
  }>`select id, owner_id, ${col(rule, 'name')} as name, ${col(rule, 'view')} as view,
      ${col(rule, 'object')} as object, ${col(rule, 'filter')} as filter, ${col(rule, 'channels')} as channels
    from ${sql.table(rule.table)} where id = ${id} and deleted_at is null`.execute(engine.db);
  const row = r.rows[0];
  if (!row) return null;
  const actor = await loadActor(engine.db, Number(row.owner_id));
  if (!actor) return null;
  const owner = engine.context(actor);
  let count: number;
  let label: unknown;
  try {
    const { obj, filter } = await ruleTarget(owner, row);
    label = obj.pluralLabel ?? obj.label;
    count = await countRecords(owner, obj, { filter });
  } catch (err) {
    // The view is gone, a field was removed, or the owner lost the right to read: nothing to report.
    if (err instanceof KehuError) count = 0;
    else throw err;
  }
  await transaction(system, async (tx) => {
    await updateRecord(
      tx,
      'alertRule',
      id,
      { lastRunAt: new Date().toISOString(), lastCount: count },
      { internal: true },
    );
    if (count > 0) {
      await notify(tx, {
        to: [Number(row.owner_id)],
        kind: 'alert',
        title: { key: 'notify.alert', params: { name: row.name } },
        body: { key: 'notify.alert.body', params: { count, object: label } },
        link: { object: 'alertRule', id },
        key: `alert:${id}:${at}`,
        channels: (row.channels as Channel[] | null)?.length ? (row.channels as Channel[]) : undefined,
      });
    }
  });
  return count;
}
