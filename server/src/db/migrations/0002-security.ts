import { type Kysely, sql } from 'kysely';

/** Sign-in protection (SEC-7, SEC-8, SEC-9) and API keys (INT-1). */
export async function up(db: Kysely<any>): Promise<void> {
  // Consecutive failures per lower-cased user name, known or not, so unknown names lock the same way.
  await sql`create table sys_login_attempt (
    username text primary key,
    failures integer not null default 0,
    locked_until timestamptz,
    last_failure_at timestamptz
  )`.execute(db);
  await sql`create table sys_two_factor (
    user_id bigint primary key,
    secret text,
    pending_secret text,
    enabled boolean not null default false,
    last_step bigint not null default 0,
    enabled_at timestamptz
  )`.execute(db);
  await sql`create table sys_recovery_code (
    user_id bigint not null,
    hash text not null,
    used_at timestamptz,
    primary key (user_id, hash)
  )`.execute(db);
  // Between a correct password and the second factor: short-lived, single use, few attempts.
  await sql`create table sys_login_challenge (
    id text primary key,
    user_id bigint not null,
    expires_at timestamptz not null,
    attempts integer not null default 0,
    ip text,
    user_agent text
  )`.execute(db);
  await sql`create table sys_api_key (
    record_id bigint primary key,
    prefix text not null unique,
    hash text not null
  )`.execute(db);
}
