import type { Filter } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import type { EventBus, RecordEvent } from '../events/bus.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { records } from '../query/builder.ts';
import { nextRun, parseCron } from '../time-cron.ts';
import { type Cause, logLoop, maxDepth, runRule, webhookJob } from './run.ts';
import { activeRules, type StoredRule } from './store.ts';

export const automationTickJob = 'automation.tick';
const idOf = (v: unknown) => (v && typeof v === 'object' && 'id' in v ? (v as { id: unknown }).id : v);

/** Does a saved record's event meet the rule: its trigger, the field change (from/to), its condition? */
async function matches(sys: Ctx, rule: StoredRule, e: RecordEvent): Promise<boolean> {
  const d = rule.definition;
  if (d.trigger.on !== e.action) return false;
  if (d.changed) {
    const changed = (e.payload.changed as string[] | undefined) ?? [];
    if (!changed.includes(d.changed.field)) return false;
    if ('from' in d.changed || 'to' in d.changed) {
      const h = await sql<{ changes: Record<string, [unknown, unknown]> }>`select changes from sys_history
        where object = ${e.object} and record_id = ${e.recordId} and version = ${Number(e.payload.version)}`.execute(
        sys.db,
      );
      const pair = h.rows[0]?.changes?.[d.changed.field];
      if (!pair) return false;
      if ('from' in d.changed && idOf(pair[0]) !== d.changed.from) return false;
      if ('to' in d.changed && idOf(pair[1]) !== d.changed.to) return false;
    }
  }
  if (!d.condition || e.action === 'delete') return true;
  const filter: Filter = { and: [{ field: 'id', op: 'eq', value: e.recordId }, d.condition] };
  return (await records(sys, e.object, { internal: true }).count(filter)) > 0;
}

/** Rules on record events (WF-6, driven by the INT-3 event bus after commit). */
async function onEvent(sys: Ctx, e: RecordEvent): Promise<void> {
  if (e.recordId === null || !['create', 'update', 'delete'].includes(e.action) || !sys.registry.has(e.object)) return;
  const rules = (await activeRules(sys, e.object)).filter((r) => r.definition.trigger.on === e.action);
  const cause = e.payload.cause as Cause | undefined;
  for (const rule of rules) {
    if (!(await matches(sys, rule, e))) continue;
    // A rule does not act on what it (or a chain of rules) just did beyond the depth limit: logged, not run.
    if (cause && (cause.rules.includes(rule.id) || cause.depth >= maxDepth)) {
      await logLoop(sys, rule, e.id, e.recordId, cause);
      continue;
    }
    await runRule(sys, rule, e.recordId, { eventId: e.id, cause, deleted: e.action === 'delete' });
  }
}

/** Scheduled rules (cron, in the company's time zone): due ones run on the records their condition matches. */
async function tick(sys: Ctx): Promise<number> {
  const r = await sql<Record<string, any>>`select * from sys_automation_rule where active
    and definition->'trigger'->>'on' = 'schedule'`.execute(sys.db);
  let ran = 0;
  for (const row of r.rows) {
    const rule: StoredRule = {
      id: Number(row.id),
      object: row.object,
      name: row.name,
      definition: row.definition,
      active: true,
      lastRunAt: row.last_run_at,
    };
    const t = rule.definition.trigger;
    const cron = t.on === 'schedule' ? parseCron(t.cron) : undefined;
    const due = cron && nextRun(cron, new Date(row.last_run_at ?? row.created_at), sys.timezone);
    if (!due || due > new Date() || !sys.registry.has(rule.object)) continue;
    // Claimed by one process: the one whose update still sees the old last run.
    const claimed = await sql`update sys_automation_rule set last_run_at = now() where id = ${rule.id}
      and last_run_at is not distinct from ${row.last_run_at} returning id`.execute(sys.db);
    if (!claimed.rows.length) continue;
    const targets = await records(sys, rule.object, { internal: true }).all(
      { filter: rule.definition.condition, sort: [{ field: 'id', dir: 'asc' }] },
      1000,
    );
    for (const rec of targets) if ((await runRule(sys, rule, Number(rec.id), {})) === 'done') ran++;
  }
  return ran;
}

/** Post a rule's record to its webhook (retried by the job queue on failure; 10 s to answer). */
async function postWebhook(data: { url: string; body: unknown }): Promise<number> {
  const res = await fetch(data.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Kehu-Automation/1' },
    body: JSON.stringify(data.body),
    signal: AbortSignal.timeout(10_000),
    redirect: 'error',
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  return res.status;
}

export function registerAutomation(bus: EventBus, jobs: Jobs, systemContext: () => Ctx): void {
  bus.subscribe('automation', (e) => onEvent(systemContext(), e));
  void jobs.define(automationTickJob, () => tick(systemContext()), { retryLimit: 0, expireInSeconds: 600 });
  void jobs.define(webhookJob, postWebhook, { retryLimit: 5, retryDelay: 30 });
  void jobs.schedule(automationTickJob, '* * * * *').catch(() => undefined);
}
