import { type Kysely, sql } from 'kysely';

/**
 * Lock-out without lock-out abuse (SEC-7a): consecutive failures are counted per user name *and address*, so a
 * stranger who knows a name only locks out their own address; the account itself locks only after failures from
 * many addresses, counted in `sys_login_account`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Counters from before were per name only; they start afresh (at most a 15-minute lock is forgotten).
  await sql`delete from sys_login_attempt`.execute(db);
  await sql`alter table sys_login_attempt add column ip text not null default ''`.execute(db);
  await sql`alter table sys_login_attempt drop constraint sys_login_attempt_pkey`.execute(db);
  await sql`alter table sys_login_attempt add primary key (username, ip)`.execute(db);
  await sql`create table sys_login_account (
    username text primary key,
    failures integer not null default 0,
    since timestamptz not null default now(),
    locked_until timestamptz,
    last_failure_at timestamptz
  )`.execute(db);
}
