import { type Kysely, sql } from 'kysely';

/**
 * Every row an import did not simply create (CUS-11): failed rows with their original cells and all their
 * errors (for the "download all errors" file), skipped and updated rows with the record they matched and why.
 * Written outside the import's transaction, so that a dry run keeps its report. The sheet's header row is kept
 * with the job, for the error file's columns.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table sys_import add column header jsonb`.execute(db);
  await sql`create table sys_import_row (
    import_id bigint not null references sys_import (id) on delete cascade,
    row integer not null,
    outcome text not null,
    cells jsonb,
    errors jsonb,
    record_id bigint,
    record_label text,
    matched_by text,
    same_as_row integer,
    primary key (import_id, row)
  )`.execute(db);
}
