import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { enqueueEvent } from '../events/outbox.ts';
import { submitAs } from '../flows/submit.ts';
import { jobsFor } from '../jobs/of-registry.ts';
import { records } from '../query/builder.ts';
import { createRecord, updateRecord } from '../records/save.ts';
import type { ActionValue, AutomationAction } from './rule.ts';
import type { StoredRule } from './store.ts';

/** Rules acting on records that rules changed: at most this deep, and never a rule on its own consequence. */
export const maxDepth = 3;
export const webhookJob = 'automation.webhook';
export const notifyAction = 'automation.notify';

export interface Cause {
  depth: number;
  rules: number[];
}

const idOf = (v: unknown) => (v && typeof v === 'object' && 'id' in v ? (v as { id: unknown }).id : v);

function resolve(values: Record<string, ActionValue>, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const ref = v && typeof v === 'object' && '$field' in v ? (v as { $field: string }).$field : undefined;
    out[k] = ref === undefined ? v : idOf(record[ref] ?? null);
  }
  return out;
}

/** `{name}` in a text becomes the record's value (a relation's label). */
const render = (text: string, record: Record<string, unknown>) =>
  text.replace(/\{(\w+)\}/g, (m, f: string) => {
    const v = record[f];
    if (v === undefined) return m;
    if (v && typeof v === 'object' && 'label' in v) return String((v as { label: unknown }).label ?? '');
    return v === null ? '' : String(v);
  });

async function perform(ctx: Ctx, rule: StoredRule, a: AutomationAction, id: number, record: Record<string, unknown>) {
  const owner = idOf(record[ctx.registry.get(rule.object).ownerField?.name ?? 'createdBy']) as number | null;
  if (a.type === 'setFields') await updateRecord(ctx, rule.object, id, resolve(a.values, record), { internal: true });
  else if (a.type === 'createRecord') await createRecord(ctx, a.object, resolve(a.values, record), { internal: true });
  else if (a.type === 'notify') {
    const to = a.to === 'owner' ? (owner ? [owner] : []) : a.to;
    await enqueueEvent(ctx, rule.object, id, notifyAction, {
      to,
      title: render(a.title, record),
      body: a.body ? render(a.body, record) : null,
      rule: rule.id,
    });
  } else if (a.type === 'startApproval') {
    if (owner) await submitAs(ctx, owner, { object: rule.object, recordId: id, flow: a.flow });
  } else {
    await jobsFor(ctx.registry)?.send(
      webhookJob,
      { url: a.url, body: { rule: rule.name, object: rule.object, id, record } },
      { ctx },
    );
  }
}

/**
 * Run one rule's actions on one record, in one transaction with its log line (the unique key on rule, event and
 * record makes a redelivered event run nothing twice). A failure rolls the actions back and is logged, not thrown:
 * one broken rule does not hold up the others.
 */
export async function runRule(
  sys: Ctx,
  rule: StoredRule,
  recordId: number,
  opts: { eventId?: number; cause?: Cause; deleted?: boolean },
): Promise<'done' | 'skipped' | 'failed'> {
  const cause: Cause = { depth: (opts.cause?.depth ?? 0) + 1, rules: [...(opts.cause?.rules ?? []), rule.id] };
  try {
    return await transaction({ ...sys, cause }, async (tx) => {
      const claimed = await sql`insert into sys_automation_run (rule_id, event_id, record_id, outcome, detail)
        values (${rule.id}, ${opts.eventId ?? null}, ${recordId}, 'done', ${JSON.stringify({ depth: cause.depth })})
        on conflict do nothing returning id`.execute(tx.db);
      if (!claimed.rows.length) return 'skipped';
      const record = opts.deleted ? { id: recordId } : await records(tx, rule.object, { internal: true }).get(recordId);
      for (const a of rule.definition.actions) await perform(tx, rule, a, recordId, record);
      return 'done';
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
    await sql`insert into sys_automation_run (rule_id, event_id, record_id, outcome, detail)
      values (${rule.id}, ${opts.eventId ?? null}, ${recordId}, 'failed', ${JSON.stringify({ error: message, params: (err as { params?: unknown }).params ?? null })})
      on conflict do nothing`.execute(sys.db);
    return 'failed';
  }
}

export async function logLoop(sys: Ctx, rule: StoredRule, eventId: number, recordId: number, cause: Cause) {
  await sql`insert into sys_automation_run (rule_id, event_id, record_id, outcome, detail)
    values (${rule.id}, ${eventId}, ${recordId}, 'loop', ${JSON.stringify({ depth: cause.depth, rules: cause.rules })})
    on conflict do nothing`.execute(sys.db);
}
