import type { Operation, Scope } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../context.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { systemObjectNames } from '../system/index.ts';

/**
 * The one place where rights become SQL (SEC-2). Every read path adds `predicate()`; every write checks
 * `covers()`. Scopes resolve to the set of owning users, computed once per request.
 */
export class Access {
  private readonly owners = new Map<Scope, Promise<number[]>>();

  constructor(
    readonly actor: Actor,
    private readonly db: Db,
  ) {}

  scope(object: string, op: Operation): Scope {
    if (this.actor.isAdmin) return 'all';
    const own = this.actor.grants[object]?.[op];
    if (own) return own;
    // The "*" grant covers business objects only: users, roles and logs must be granted by name.
    return systemObjectNames.has(object) ? 'none' : (this.actor.grants['*']?.[op] ?? 'none');
  }

  /** Owner ids a scope covers; `null` means everyone. */
  ownerIds(scope: Scope): Promise<number[] | null> {
    if (scope === 'all') return Promise.resolve(null);
    if (scope === 'none') return Promise.resolve([]);
    let p = this.owners.get(scope);
    if (!p) {
      p = this.loadOwners(scope);
      this.owners.set(scope, p);
    }
    return p;
  }

  private async loadOwners(scope: Scope): Promise<number[]> {
    const me = this.actor.userId;
    const dept = this.actor.departmentId;
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
    const rows = await q.execute(this.db);
    return rows.rows.map((r) => Number(r.id));
  }

  /** SQL condition limiting `alias` rows of `obj` to what the actor may do with `op`. */
  async predicate(obj: ObjectDef, op: Operation, alias: string): Promise<RawBuilder<unknown>> {
    const scope = this.scope(obj.name, op);
    if (scope === 'none') return sql`false`;
    const ids = await this.ownerIds(scope);
    if (ids === null) return sql`true`;
    return sql`${sql.ref(`${alias}.${obj.ownerColumn}`)} = any(${ids}::bigint[])`;
  }

  /** Field-level read right (SEC-3 refines this per role); secret fields are never readable. */
  canReadField(_obj: ObjectDef, f: FieldDef): boolean {
    return !f.impl.secret;
  }

  /** Field-level write right (SEC-3 refines this per role). */
  canWriteField(_obj: ObjectDef, _f: FieldDef): boolean {
    return true;
  }

  /** May the actor do `op` on a record owned by `ownerId`? (create/assign checks on the new owner) */
  async allowsOwner(obj: ObjectDef, op: Operation, ownerId: number | null): Promise<boolean> {
    const ids = await this.ownerIds(this.scope(obj.name, op));
    if (ids === null) return true;
    return ownerId !== null && ids.includes(ownerId);
  }
}
