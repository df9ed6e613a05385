import { sql } from 'kysely';
import { loadActor } from '../../engine/access/actor.ts';
import { transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { countRecords, readWhere } from '../../engine/query/list.ts';
import { updateRecord } from '../../engine/records/save.ts';
import { getOrNone, refId } from '../customers/record-reads.ts';
import { nextRunOf, ruleTarget } from './alert-rules.ts';
import type { Channel } from './messages.ts';
import { notify } from './notify.service.ts';

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
  const column = (field: string) => sql.ref(`t.${rule.fields.get(field)!.column!}`);
  return transaction(ctx, async (tx) => {
    const where = await readWhere(
      tx,
      rule,
      {
        filter: {
          and: [
            { field: 'active', op: 'ne', value: false },
            { field: 'nextRunAt', op: 'lte', value: new Date().toISOString() },
          ],
        },
      },
      'read',
    );
    // Raw SQL, justified: claiming due rules needs `for update skip locked` (two processes must never claim one
    // run), which the records builder cannot say; the rows are chosen through the engine's read condition.
    const due = await sql<{ id: number; schedule: string; cron: string | null; next_run_at: Date }>`
      select t.id, ${column('schedule')} as schedule, ${column('cron')} as cron, ${column('nextRunAt')} as next_run_at
      from ${sql.table(rule.table)} as t where ${where}
      order by ${column('nextRunAt')} limit 500 for update of t skip locked`.execute(tx.db);
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
  const row = await getOrNone(system, 'alertRule', id);
  if (!row) return null;
  const ownerId = refId(row.owner);
  const actor = ownerId === null ? undefined : await loadActor(engine.db, ownerId);
  if (!actor) return null;
  const owner = engine.context(actor);
  let count: number;
  let label: unknown;
  try {
    const { obj, filter } = await ruleTarget(owner, { view: row.view, object: row.object, filter: row.filter });
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
        to: [ownerId!],
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
