import { sql } from 'kysely';
import { updateRecord } from '../../server/src/engine/records/save.ts';
import type { BenchApp } from './app.ts';

/** A demo user of a starter role, given `password` so that the benchmark can sign in as them; their username. */
export async function demoUser(app: BenchApp, role: string, password: string): Promise<string> {
  const r = await sql<{ id: string; username: string }>`select u.id, u.username from obj_user u
    join rel_obj_user_roles l on l.a_id = u.id join obj_role ro on ro.id = l.b_id
    where ro.name = ${role} and u.username <> 'admin' order by u.id desc limit 1`.execute(app.kehu.engine.db);
  const u = r.rows[0];
  await updateRecord(app.kehu.engine.systemContext(), 'user', Number(u.id), { password }, { internal: true });
  return u.username;
}
