import { type Kysely, sql } from 'kysely';

/** Record shares and collaborators (SEC-4, CUS-7) and delegations (SEC-6). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table sys_share (
    id bigint generated always as identity primary key,
    object text not null,
    record_id bigint not null,
    user_id bigint,
    department_id bigint,
    level text not null check (level in ('read', 'edit')),
    created_by bigint,
    created_at timestamptz not null default now(),
    check ((user_id is null) <> (department_id is null))
  )`.execute(db);
  await sql`create unique index uq_sys_share on sys_share (object, record_id, coalesce(user_id, 0), coalesce(department_id, 0))`.execute(
    db,
  );
  await sql`create index ix_sys_share_user on sys_share (object, user_id, record_id) where user_id is not null`.execute(
    db,
  );
  await sql`create index ix_sys_share_dept on sys_share (object, department_id, record_id) where department_id is not null`.execute(
    db,
  );
  await sql`create table sys_delegation (
    id bigint generated always as identity primary key,
    from_user bigint not null,
    to_user bigint not null,
    rights jsonb not null default '{}',
    approvals boolean not null default false,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    revoked_at timestamptz,
    note text,
    created_at timestamptz not null default now(),
    check (ends_at > starts_at),
    check (from_user <> to_user)
  )`.execute(db);
  await sql`create index ix_sys_delegation_to on sys_delegation (to_user, from_user)`.execute(db);
}
