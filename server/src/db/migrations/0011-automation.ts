import { type Kysely, sql } from 'kysely';

/**
 * Automation rules (WF-6): a trigger (a record created, changed, deleted, or a schedule), a condition in the filter
 * language, and actions; every run is logged, loops included (stopped, with the reason).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table sys_automation_rule (
    id bigint generated always as identity primary key,
    object text not null,
    name text not null,
    definition jsonb not null,
    active boolean not null default true,
    last_run_at timestamptz,
    created_by bigint,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index ix_sys_automation_rule_object on sys_automation_rule (object) where active`.execute(db);
  await sql`create table sys_automation_run (
    id bigint generated always as identity primary key,
    rule_id bigint not null references sys_automation_rule (id),
    event_id bigint,
    record_id bigint,
    outcome text not null check (outcome in ('done', 'skipped', 'failed', 'loop')),
    detail jsonb not null default '{}',
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index ix_sys_automation_run_rule on sys_automation_run (rule_id, id desc)`.execute(db);
  // One run per rule and event, even when the event is delivered again.
  await sql`create unique index uq_sys_automation_run_event on sys_automation_run (rule_id, event_id, record_id)
    where event_id is not null`.execute(db);
}
