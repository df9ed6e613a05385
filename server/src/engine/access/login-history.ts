import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { LoginEvent } from '../system/login-history.object.ts';

export interface LoginEventInput {
  event: LoginEvent;
  /** The account concerned, when known (never revealed to the caller of a failed sign-in). */
  userId?: number | null;
  username?: string;
  ip?: string;
  userAgent?: string;
}

/** One row of the login history (SEC-8), written directly: clients never write it, and it has no versions. */
export async function recordLoginEvent(db: Db, e: LoginEventInput): Promise<void> {
  const user = e.userId ?? null;
  await sql`insert into obj_login_history (at, user_id, username, event, ip, user_agent, created_by, updated_by)
    values (now(), ${user},
      coalesce(${e.username?.slice(0, 100) ?? null}, (select username from obj_user where id = ${user})), ${e.event}, ${e.ip ?? null},
      ${e.userAgent?.slice(0, 500) ?? null}, ${user}, ${user})`.execute(db);
}
