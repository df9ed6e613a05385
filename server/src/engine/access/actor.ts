import { type FieldRight, type FieldRights, type Grants, type Scope, widerFieldRight, widerScope } from '@kehu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../context.ts';

/** Merge the grants of several roles: for each object and operation the widest scope wins. */
export function mergeGrants(list: Grants[]): Grants {
  const out: Grants = {};
  for (const g of list) {
    for (const [object, ops] of Object.entries(g ?? {})) {
      out[object] ??= {};
      const target = out[object];
      for (const [op, scope] of Object.entries(ops ?? {})) {
        const key = op as keyof typeof target;
        target[key] = widerScope(target[key] ?? 'none', scope as Scope);
      }
    }
  }
  return out;
}

/**
 * Merge field rights: a field is restricted only when every role restricts it (a role that does not
 * mention the field leaves it editable).
 */
export function mergeFieldRights(list: FieldRights[]): FieldRights {
  const out: FieldRights = {};
  const objects = new Set(list.flatMap((r) => Object.keys(r ?? {})));
  for (const object of objects) {
    const fields = new Set(list.flatMap((r) => Object.keys(r?.[object] ?? {})));
    for (const field of fields) {
      let right: FieldRight = 'hidden';
      for (const r of list) right = widerFieldRight(right, r?.[object]?.[field] ?? 'editable');
      if (right !== 'editable') {
        out[object] ??= {};
        out[object][field] = right;
      }
    }
  }
  return out;
}

/** Load an active user's actor (roles, department). Returns undefined for unknown or disabled users. */
export async function loadActor(db: Db, userId: number): Promise<Actor | undefined> {
  const r = await sql<{ id: number; name: string; department_id: number | null; active: boolean | null }>`
    select id, name, department_id, active from obj_user where id = ${userId} and deleted_at is null`.execute(db);
  const u = r.rows[0];
  if (!u || u.active === false) return undefined;
  const roles = await sql<{
    is_admin: boolean | null;
    grants: Grants | null;
    field_rights: FieldRights | null;
    grantable: Grants | null;
  }>`select r.is_admin, r.grants, r.field_rights, r.grantable
    from rel_obj_user_roles l join obj_role r on r.id = l.b_id and r.deleted_at is null where l.a_id = ${userId}`.execute(
    db,
  );
  return {
    userId: u.id,
    name: u.name,
    departmentId: u.department_id,
    isAdmin: roles.rows.some((x) => x.is_admin === true),
    grants: mergeGrants(roles.rows.map((x) => x.grants ?? {})),
    fieldRights: mergeFieldRights(roles.rows.map((x) => x.field_rights ?? {})),
    grantable: mergeGrants(roles.rows.map((x) => x.grantable ?? {})),
  };
}

/** The actor for system work (migrations, jobs, demo data): an administrator with no user id. */
export const systemActor: Actor = { userId: 0, name: 'system', departmentId: null, isAdmin: true, grants: {} };
