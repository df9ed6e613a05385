import { type Kysely, sql } from 'kysely';

/**
 * Merge log (CUS-6): one row per merge, holding exactly what moved (survivor values, references, links,
 * shares) so that the merge can be undone in one transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table sys_merge (
    id bigint generated always as identity primary key,
    object text not null,
    survivor_id bigint not null,
    merged_ids bigint[] not null,
    actor_id bigint,
    on_behalf_of bigint,
    at timestamptz not null default now(),
    log jsonb not null,
    undone_at timestamptz,
    undone_by bigint
  )`.execute(db);
  await sql`create index ix_sys_merge_survivor on sys_merge (object, survivor_id)`.execute(db);
  await sql`create index ix_sys_merge_merged on sys_merge using gin (merged_ids)`.execute(db);
}
