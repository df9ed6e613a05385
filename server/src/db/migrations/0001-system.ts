import { type Kysely, sql } from 'kysely';

/** System tables of the engine. Object tables are created from metadata by the schema sync. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create table sys_object (
    name text primary key,
    decl jsonb not null,
    created_at timestamptz not null default now(),
    created_by bigint
  )`.execute(db);
  await sql`create table sys_field (
    object text not null,
    name text not null,
    decl jsonb not null,
    created_at timestamptz not null default now(),
    created_by bigint,
    primary key (object, name)
  )`.execute(db);
  await sql`create table sys_counter (key text primary key, value bigint not null)`.execute(db);
  await sql`create table sys_history (
    id bigint generated always as identity primary key,
    object text not null,
    record_id bigint not null,
    version integer not null,
    action text not null,
    actor_id bigint,
    on_behalf_of bigint,
    at timestamptz not null default now(),
    ip text,
    user_agent text,
    changes jsonb not null default '{}',
    snapshot jsonb not null
  )`.execute(db);
  await sql`create index ix_sys_history_record on sys_history (object, record_id, version)`.execute(db);
  await sql`create table sys_outbox (
    id bigint generated always as identity primary key,
    object text not null,
    record_id bigint,
    action text not null,
    actor_id bigint,
    payload jsonb not null default '{}',
    created_at timestamptz not null default now(),
    published_at timestamptz,
    attempts integer not null default 0,
    last_error text
  )`.execute(db);
  await sql`create index ix_sys_outbox_pending on sys_outbox (id) where published_at is null`.execute(db);
  await sql`create table sys_session (
    id text primary key,
    user_id bigint not null,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null,
    ip text,
    user_agent text
  )`.execute(db);
  await sql`create index ix_sys_session_user on sys_session (user_id)`.execute(db);
  await sql`create table sys_file (
    id bigint generated always as identity primary key,
    sha256 text not null,
    name text not null,
    mime text not null,
    size bigint not null,
    created_by bigint,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table sys_import (
    id bigint generated always as identity primary key,
    object text not null,
    user_id bigint not null,
    status text not null,
    options jsonb not null,
    total integer not null default 0,
    processed integer not null default 0,
    created integer not null default 0,
    updated integer not null default 0,
    skipped integer not null default 0,
    failed integer not null default 0,
    errors jsonb not null default '[]',
    message text,
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`.execute(db);
}
