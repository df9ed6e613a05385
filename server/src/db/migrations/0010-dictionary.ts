import { type Kysely, sql } from 'kysely';

/**
 * The data dictionary (WF-7): administrators' option lists of picklist fields, one row per field, applied on top of
 * the declared options (code or custom field) at start-up and, through NOTIFY, in every process. `options` is the
 * whole ordered list `[{ value, label, color?, active }]`; `version` serves optimistic concurrency.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table sys_picklist (
    object text not null,
    field text not null,
    options jsonb not null,
    version int not null default 0,
    updated_at timestamptz not null default now(),
    updated_by bigint,
    primary key (object, field)
  )`.execute(db);
}
