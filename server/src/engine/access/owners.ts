import type { Scope } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.ts';

/** The users whose records a scope covers, seen from `me` in department `dept` (SEC-2). */
export async function ownersForScope(db: Db, scope: Scope, me: number, dept: number | null): Promise<number[]> {
  let q: RawBuilder<{ id: number }>;
  if (scope === 'own') return [me];
  if (scope === 'subordinates') {
    q = sql`with recursive sub(id) as (
        select ${me}::bigint
        union select u.id from obj_user u join sub on u.manager_id = sub.id where u.deleted_at is null
      ) select id from sub`;
  } else if (dept === null) {
    return [me];
  } else if (scope === 'department') {
    q = sql`select ${me}::bigint as id union select id from obj_user where department_id = ${dept} and deleted_at is null`;
  } else {
    q = sql`with recursive tree(id) as (
        select ${dept}::bigint
        union select d.id from obj_department d join tree on d.parent_id = tree.id where d.deleted_at is null
      ) select ${me}::bigint as id union select u.id from obj_user u
        where u.department_id in (select id from tree) and u.deleted_at is null`;
  }
  const rows = await q.execute(db);
  return rows.rows.map((r) => Number(r.id));
}
