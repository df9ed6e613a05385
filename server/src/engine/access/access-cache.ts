import type { Scope } from '@kehu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../context.ts';
import { loadActor } from './actor.ts';
import { type SignInPolicy, signInPolicy } from './ip-allow.ts';
import { ownersForScope } from './owners.ts';

export const accessChannel = 'kehu_access';

/** Caches of this process, cleared on every change of users, roles, departments or two-factor settings. */
const caches = new Set<AccessCache>();

/**
 * Announce that rights may have changed: clear this process's caches now, and the other processes' through
 * NOTIFY (delivered on commit when `db` is a transaction).
 */
export async function announceAccessChange(db: Db): Promise<void> {
  clearAccessCaches();
  await sql`select pg_notify(${accessChannel}, '')`.execute(db);
}

/** Called when another process announced a change. */
export function clearAccessCaches(): void {
  for (const c of caches) c.clear();
}

export interface Caller {
  actor: Actor;
  policy: SignInPolicy;
}

/**
 * Who a user is (roles, grants, sign-in rules) and which users a scope covers, kept for a few seconds so that
 * a request costs one session lookup plus its own query. Sessions themselves are never cached: ending a
 * session (sign-out, disabled user, changed password) takes effect on the next request.
 */
export class AccessCache {
  private readonly callers = new Map<number, { at: number; value: Promise<Caller | undefined> }>();
  private readonly owners = new Map<string, { at: number; value: Promise<number[]> }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5000,
  ) {
    caches.add(this);
  }

  caller(userId: number): Promise<Caller | undefined> {
    return this.remember(this.callers, userId, async () => {
      const [actor, policy] = await Promise.all([loadActor(this.db, userId), signInPolicy(this.db, userId)]);
      return actor ? { actor, policy } : undefined;
    });
  }

  ownersFor(scope: Scope, me: number, dept: number | null): Promise<number[]> {
    return this.remember(this.owners, `${scope}:${me}:${dept}`, () => ownersForScope(this.db, scope, me, dept));
  }

  clear(): void {
    this.callers.clear();
    this.owners.clear();
  }

  dispose(): void {
    caches.delete(this);
  }

  private remember<K, V>(map: Map<K, { at: number; value: Promise<V> }>, key: K, load: () => Promise<V>): Promise<V> {
    const hit = map.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    map.set(key, { at: Date.now(), value });
    value.catch(() => map.delete(key));
    if (map.size > 10_000) map.delete(map.keys().next().value as K);
    return value;
  }
}
