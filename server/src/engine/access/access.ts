import type { FieldRight, Operation, Scope } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { type Actor, subjectOf } from '../context.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { systemObjectNames } from '../system/index.ts';
import type { AccessCache } from './access-cache.ts';
import { maskValue } from './mask.ts';
import { ownersForScope } from './owners.ts';

/** A share to a department reaches its whole subtree (e.g. a shared pool serving a region and its offices). */
const departmentAndAncestors = (dept: number | null) =>
  sql`with recursive up(id) as (select ${dept ?? -1}::bigint
    union select d.parent_id from obj_department d join up on d.id = up.id where d.parent_id is not null)
    select id from up`;

/** Operations that explicit shares and collaborators open up (SEC-4): read, and edit for "edit" shares. */
const shareLevels: Partial<Record<Operation, string[]>> = { read: ['read', 'edit'], update: ['edit'] };

/**
 * The one place where rights become SQL (SEC-2, SEC-3, SEC-4). Every read path adds `predicate()`; every
 * write checks it too; every field passes `canReadField` / `canWriteField`. Scopes resolve to the set of
 * owning users, computed once per request; shares join the same predicate, so a list stays one query.
 */
export class Access {
  private readonly owners = new Map<Scope, Promise<number[]>>();
  /** Owner sets already loaded (`ready`), so that predicates can be built synchronously (relation hops). */
  private readonly loaded = new Map<Scope, number[]>();

  constructor(
    readonly actor: Actor,
    private readonly db: Db,
    private readonly cache?: AccessCache,
    /** Objects declared `personal` (their records are their owner's alone). */
    private readonly personal?: (object: string) => boolean,
  ) {}

  scope(object: string, op: Operation): Scope {
    // Personal records: everyone (administrators included) reaches their own and nobody else's; the engine's
    // own jobs (system actor) reach all of them.
    if (this.actor.userId !== 0 && this.personal?.(object)) return op === 'assign' ? 'none' : 'own';
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
      p = this.cache
        ? this.cache.ownersFor(scope, subjectOf(this.actor), this.actor.departmentId)
        : ownersForScope(this.db, scope, subjectOf(this.actor), this.actor.departmentId);
      this.owners.set(scope, p);
    }
    return p;
  }

  /**
   * Load the owner sets of every scope the actor holds for `op`, so that `predicateNow` can be used while a
   * query is compiled (each relation hop of a filter, sort or group adds its target's predicate).
   */
  async ready(op: Operation): Promise<void> {
    const wanted = new Set<Scope>(['own']);
    for (const g of Object.values(this.actor.grants)) if (g?.[op]) wanted.add(g[op] as Scope);
    await Promise.all(
      [...wanted].map(async (s) => {
        const ids = await this.ownerIds(s);
        if (ids) this.loaded.set(s, ids);
      }),
    );
  }

  /** SQL condition limiting `alias` rows of `obj` to what the actor may do with `op`. */
  async predicate(obj: ObjectDef, op: Operation, alias: string): Promise<RawBuilder<unknown>> {
    const scope = this.scope(obj.name, op);
    const ids = await this.ownerIds(scope);
    if (ids) this.loaded.set(scope, ids);
    return this.predicateNow(obj, op, alias);
  }

  /** `predicate` once `ready(op)` has loaded the owner sets. */
  predicateNow(obj: ObjectDef, op: Operation, alias: string): RawBuilder<unknown> {
    const scope = this.scope(obj.name, op);
    if (scope === 'all') return sql`true`;
    const levels = shareLevels[op];
    const shared =
      levels && !this.actor.isAdmin
        ? sql`${sql.ref(`${alias}.id`)} in (select s.record_id from sys_share s where s.object = ${obj.name}
            and s.level = any(${levels}::text[]) and (s.user_id = ${subjectOf(this.actor)}
            or s.department_id in (${departmentAndAncestors(this.actor.departmentId)})))`
        : undefined;
    let own: RawBuilder<unknown>;
    if (scope === 'none') own = sql`false`;
    else {
      const ids = this.loaded.get(scope);
      if (!ids) throw new Error(`access: owners of scope ${scope} not loaded`);
      own = sql`${sql.ref(`${alias}.${obj.ownerColumn}`)} = any(${ids}::bigint[])`;
    }
    return shared ? sql`(${own} or ${shared})` : own;
  }

  /** May the actor do `op` on a record owned by `ownerId`? (create/assign checks on the new owner) */
  async allowsOwner(obj: ObjectDef, op: Operation, ownerId: number | null): Promise<boolean> {
    const ids = await this.ownerIds(this.scope(obj.name, op));
    if (ids === null) return true;
    return ownerId !== null && ids.includes(ownerId);
  }

  /** The actor's right on one field (SEC-3). */
  fieldRight(obj: ObjectDef, f: FieldDef): FieldRight {
    if (this.actor.isAdmin) return 'editable';
    return this.actor.fieldRights?.[obj.name]?.[f.name] ?? 'editable';
  }

  /** Hidden and secret fields never leave the server, nor can they be filtered, sorted or grouped on. */
  canReadField(obj: ObjectDef, f: FieldDef): boolean {
    return !f.impl.secret && this.fieldRight(obj, f) !== 'hidden';
  }

  /**
   * May the actor filter, sort, group, aggregate or search on the field (SEC-14)? A masked value would be
   * recovered by bisection, so masked fields are shown but never queried.
   */
  canQueryField(obj: ObjectDef, f: FieldDef): boolean {
    return this.canReadField(obj, f) && this.fieldRight(obj, f) !== 'masked';
  }

  canWriteField(obj: ObjectDef, f: FieldDef): boolean {
    return this.fieldRight(obj, f) === 'editable';
  }

  /** The API form of a record as the actor may see it: unreadable fields removed, masked ones masked. */
  visible(obj: ObjectDef, record: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) {
      const f = obj.fields.get(k);
      if (!f) out[k] = v;
      else if (this.canReadField(obj, f)) out[k] = this.fieldRight(obj, f) === 'masked' ? maskValue(v) : v;
    }
    return out;
  }
}
