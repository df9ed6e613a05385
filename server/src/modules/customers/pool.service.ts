import { sql } from 'kysely';
import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { getRecord } from '../../engine/query/list.ts';
import { authorizeExisting } from '../../engine/records/authorize.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { findExisting, ownedError } from './ownership-conflict.ts';
import { moveFollowers } from './ownership-followers.ts';
import { departmentParents, loadRules, nearestRule, type PoolRule, sharePool } from './pool-rules.ts';

interface Locked {
  name: string;
  credit_code: string | null;
  type: string | null;
  owner_id: number | null;
  owner_name: string | null;
  owner_since: Date | string | null;
  owner_department: number | null;
  in_pool: boolean | null;
  pool_id: number | null;
  last_owner_id: number | null;
}

/** The customer row, locked for the rest of the transaction (two people claiming at once: one wins). */
async function lockCustomer(tx: Ctx, id: number): Promise<Locked> {
  const obj = tx.registry.get('customer');
  const c = (f: string) => sql.ref(`t.${obj.fields.get(f)!.column!}`);
  const r = await sql<Locked>`select ${c('name')} as name, ${c('creditCode')} as credit_code, ${c('type')} as type,
      ${c('owner')} as owner_id, u.name as owner_name, coalesce(${c('ownerSince')}, t.created_at) as owner_since,
      u.department_id as owner_department, ${c('inPool')} as in_pool, ${c('pool')} as pool_id,
      ${c('lastOwner')} as last_owner_id
    from ${sql.table(obj.table)} as t left join obj_user u on u.id = ${c('owner')}
    where t.id = ${id} and t.deleted_at is null for update of t`.execute(tx.db);
  if (!r.rows[0]) throw new KehuError('NOT_FOUND');
  return r.rows[0];
}

/** Put a customer into a pool: no owner (the last one is kept), shared with the pool's department. */
export async function enterPool(engine: Engine, tx: Ctx, id: number, rule: PoolRule): Promise<void> {
  await updateRecord(tx, 'customer', id, { owner: null, inPool: true, pool: rule.id }, { internal: true });
  await sharePool(engine, tx, id, rule.departmentId);
}

/**
 * Release one's customer to the pool (CUS-7). Needs the right to edit it. The pool is the one given, else the
 * nearest pool serving the owner's department for the customer's type.
 */
export async function releaseToPool(engine: Engine, ctx: Ctx, id: number, poolId: number | null) {
  return transaction(ctx, async (tx) => {
    await authorizeExisting(tx, tx.registry.get('customer'), id, 'update');
    const row = await lockCustomer(tx, id);
    if (row.in_pool) throw new KehuError('CUSTOMER_IN_POOL', { customer: id }, undefined, 409);
    const rules = await loadRules(tx, poolId ?? undefined);
    const rule = poolId
      ? rules[0]
      : nearestRule(rules, await departmentParents(tx), row.owner_department ?? tx.actor.departmentId, row.type);
    if (!rule) throw new KehuError('POOL_NOT_FOUND', {}, undefined, 404);
    await enterPool(engine, tx, id, rule);
    return getRecord(tx, tx.registry.get('customer'), id).catch(() => ({ id, inPool: true }));
  });
}

const startOfToday = (tz: string) => sql`(date_trunc('day', now() at time zone ${tz}) at time zone ${tz})`;

/** How many customers a person holds and has claimed today. */
async function counts(tx: Ctx, userId: number): Promise<{ held: number; claimedToday: number }> {
  const cust = tx.registry.get('customer');
  const claim = tx.registry.get('customerPoolClaim');
  const r = await sql<{ held: number; today: number }>`select
      (select count(*)::int from ${sql.table(cust.table)} where deleted_at is null
        and ${sql.ref(cust.ownerColumn)} = ${userId}) as held,
      (select count(*)::int from ${sql.table(claim.table)} where deleted_at is null
        and ${sql.ref(claim.ownerColumn)} = ${userId} and created_at >= ${startOfToday(tx.timezone)}) as today`.execute(
    tx.db,
  );
  return { held: r.rows[0].held, claimedToday: r.rows[0].today };
}

/**
 * Claim a pool customer (CUS-7): it must be visible to the caller (the pool's share), still in the pool, not a
 * duplicate of a customer someone else owns (CUS-8), and within the pool's limits. The caller becomes the owner;
 * contacts and open records the last owner left behind follow.
 */
export async function claimFromPool(ctx: Ctx, id: number) {
  return transaction(ctx, async (tx) => {
    const obj = tx.registry.get('customer');
    await getRecord(tx, obj, id);
    const me = subjectOf(tx.actor);
    const row = await lockCustomer(tx, id);
    if (!row.in_pool) {
      if (row.owner_id !== null && Number(row.owner_id) !== me) {
        const since = row.owner_since instanceof Date ? row.owner_since.toISOString() : row.owner_since;
        throw ownedError(tx, {
          id,
          ownerId: Number(row.owner_id),
          ownerName: row.owner_name,
          ownerSince: since,
          inPool: false,
        });
      }
      throw new KehuError('CUSTOMER_NOT_IN_POOL', {}, undefined, 409);
    }
    const twin = await findExisting(tx, { name: row.name, creditCode: row.credit_code }, id);
    if (twin && twin.ownerId !== null && twin.ownerId !== me) throw ownedError(tx, twin);
    // One claim at a time per person, so that two parallel claims cannot both pass the limit.
    await sql`select id from obj_user where id = ${me} for update`.execute(tx.db);
    const [rule] = row.pool_id ? await loadRules(tx, Number(row.pool_id)) : [];
    const { held, claimedToday } = await counts(tx, me);
    if (rule?.maxHeld && held >= rule.maxHeld)
      throw new KehuError('POOL_LIMIT_HELD', { max: rule.maxHeld, held }, undefined, 409);
    if (rule?.maxClaimsPerDay && claimedToday >= rule.maxClaimsPerDay)
      throw new KehuError('POOL_LIMIT_DAILY', { max: rule.maxClaimsPerDay }, undefined, 409);
    // The rule checked the caller; the write is the engine's (the caller has no edit right on a pool record).
    await updateRecord(tx, 'customer', id, { owner: me }, { internal: true });
    if (row.last_owner_id !== null) await moveFollowers(tx, [{ id, from: Number(row.last_owner_id) }], me);
    await createRecord(
      tx,
      'customerPoolClaim',
      { customer: id, pool: rule?.id ?? null, owner: me },
      { internal: true },
    );
    return getRecord(tx, obj, id);
  });
}

/** The caller's holdings against the limits of the pools that serve them (for the pool page). */
export async function poolQuota(ctx: Ctx) {
  const me = subjectOf(ctx.actor);
  const parents = await departmentParents(ctx);
  const up = new Set<number>();
  for (let d = ctx.actor.departmentId; d !== null && d !== undefined && !up.has(d); d = parents.get(d) ?? null)
    up.add(d);
  const rules = (await loadRules(ctx)).filter((r) => ctx.actor.isAdmin || up.has(r.departmentId));
  return {
    ...(await counts(ctx, me)),
    pools: rules.map((r) => ({
      id: r.id,
      name: r.name,
      maxHeld: r.maxHeld,
      maxClaimsPerDay: r.maxClaimsPerDay,
      returnAfterDays: r.returnAfterDays,
    })),
  };
}
