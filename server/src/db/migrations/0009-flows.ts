import { type Kysely, sql } from 'kysely';

/**
 * Approval flows (WF-2 … WF-5): a flow per object and key, its published versions (the JSON tree, immutable),
 * running and finished instances with the plan they started with, one task per approver and step, and the
 * instance's timeline. Every command locks the instance row (`for update`), so two approvers acting on the
 * same task at once cannot both win.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table sys_flow (
    id bigint generated always as identity primary key,
    key text not null unique,
    object text not null,
    name text not null,
    description text,
    draft jsonb not null,
    published_version int,
    active boolean not null default true,
    created_by bigint,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index ix_sys_flow_object on sys_flow (object) where active`.execute(db);
  await sql`create table sys_flow_version (
    id bigint generated always as identity primary key,
    flow_id bigint not null references sys_flow (id),
    version int not null,
    tree jsonb not null,
    published_by bigint,
    published_at timestamptz not null default now(),
    unique (flow_id, version)
  )`.execute(db);
  await sql`create table sys_flow_instance (
    id bigint generated always as identity primary key,
    flow_version_id bigint not null references sys_flow_version (id),
    object text not null,
    record_id bigint not null,
    title text,
    submitter bigint not null,
    state text not null check (state in ('running', 'returned', 'approved', 'rejected', 'withdrawn')),
    plan jsonb not null,
    done jsonb not null default '[]',
    chosen jsonb not null default '{}',
    round int not null default 1,
    started_at timestamptz not null default now(),
    ended_at timestamptz,
    updated_at timestamptz not null default now()
  )`.execute(db);
  // At most one open instance per record: the record lock.
  await sql`create unique index uq_sys_flow_instance_open on sys_flow_instance (object, record_id)
    where state in ('running', 'returned')`.execute(db);
  await sql`create index ix_sys_flow_instance_submitter on sys_flow_instance (submitter, id desc)`.execute(db);
  await sql`create index ix_sys_flow_instance_running on sys_flow_instance (id) where state = 'running'`.execute(db);
  await sql`create table sys_flow_task (
    id bigint generated always as identity primary key,
    instance_id bigint not null references sys_flow_instance (id),
    node_id text not null,
    round int not null,
    kind text not null check (kind in ('approve', 'cc')),
    assignee bigint not null,
    on_behalf_of bigint,
    seq int not null default 0,
    -- 加签: an approver added by another; wait_for: the task that waits for this one (added before oneself).
    added boolean not null default false,
    wait_for bigint,
    state text not null check (state in ('waiting', 'pending', 'approved', 'rejected', 'returned', 'transferred',
      'cancelled', 'passed', 'read', 'unread')),
    acted_by bigint,
    comment text,
    due_at timestamptz,
    created_at timestamptz not null default now(),
    acted_at timestamptz
  )`.execute(db);
  await sql`create index ix_sys_flow_task_inbox on sys_flow_task (assignee, state, id desc)`.execute(db);
  await sql`create index ix_sys_flow_task_instance on sys_flow_task (instance_id, node_id, round)`.execute(db);
  await sql`create index ix_sys_flow_task_done on sys_flow_task (acted_by, id desc) where acted_by is not null`.execute(
    db,
  );
  await sql`create table sys_flow_event (
    id bigint generated always as identity primary key,
    instance_id bigint not null references sys_flow_instance (id),
    task_id bigint,
    node_id text,
    action text not null,
    actor bigint,
    on_behalf_of bigint,
    comment text,
    detail jsonb not null default '{}',
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index ix_sys_flow_event_instance on sys_flow_event (instance_id, id)`.execute(db);
}
