import { type Ctx, subjectOf, transaction } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { lockForTransaction } from '../../engine/locks.ts';
import { records } from '../../engine/query/builder.ts';
import { authorizeExisting } from '../../engine/records/authorize.ts';
import { fetchFull } from '../../engine/records/fetch.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { findExisting, ownedError } from './ownership-conflict.ts';
import { moveFollowers } from './ownership-followers.ts';
import { systemTx } from './ownership-input.ts';
import { departmentParents, loadRules, nearestRule, type PoolRule, sharePool } from './pool-rules.ts';
import { getLiveOrDeleted, refId } from './record-reads.ts';

interface Locked {
  name: string;
  creditCode: string | null;
  type: string | null;
  ownerId: number | null;
  ownerName: string | null;
  ownerSince: string;
  inPool: boolean;
  poolId: number | null;
  lastOwnerId: number | null;
}

/**
 * The customer, locked for the rest of the transaction (two people claiming at once: one wins). The engine's
 * locked read of the pipeline: the callers have authorised the caller on this customer first.
 */
async function lockCustomer(tx: Ctx, id: number): Promise<Locked> {
  const { row, record: r } = await fetchFull(tx, tx.registry.get('customer'), id, true);
  if (row.deleted_at) throw new KehuError('NOT_FOUND');
  const owner = r.owner as { id: number; label: string | null } | null;
  return {
    name: r.name as string,
    creditCode: (r.creditCode as string | null) ?? null,
    type: (r.type as string | null) ?? null,
    ownerId: owner ? Number(owner.id) : null,
    ownerName: owner?.label ?? null,
    ownerSince: ((r.ownerSince as string | null) ?? r.createdAt) as string,
    inPool: r.inPool === true,
    poolId: refId(r.pool),
    lastOwnerId: refId(r.lastOwner),
  };
}

/** The department of a customer's owner (a user, also one since deleted), read as the system. */
async function ownerDepartment(sys: Ctx, ownerId: number | null): Promise<number | null> {
  if (ownerId === null) return null;
  return refId((await getLiveOrDeleted(sys, 'user', ownerId))?.department);
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
    if (row.inPool) throw new KehuError('CUSTOMER_IN_POOL', { customer: id }, undefined, 409);
    const sys = systemTx(engine, tx);
    const rules = await loadRules(sys, poolId ?? undefined);
    const department = (await ownerDepartment(sys, row.ownerId)) ?? tx.actor.departmentId;
    const rule = poolId ? rules[0] : nearestRule(rules, await departmentParents(sys), department, row.type);
    if (!rule) throw new KehuError('POOL_NOT_FOUND', {}, undefined, 404);
    await enterPool(engine, tx, id, rule);
    return records(tx, 'customer')
      .get(id)
      .catch(() => ({ id, inPool: true }));
  });
}

/** How many customers a person holds and has claimed today (company time zone), whoever asks (`sys`). */
async function counts(sys: Ctx, userId: number): Promise<{ held: number; claimedToday: number }> {
  const mine = { field: 'owner', op: 'eq', value: userId } as const;
  const held = await records(sys, 'customer').count(mine);
  const claimedToday = await records(sys, 'customerPoolClaim').count({
    and: [mine, { field: 'createdAt', op: 'within', value: 'today' }],
  });
  return { held, claimedToday };
}

/** One claim at a time per person, so that two parallel claims cannot both pass the limit. */
async function lockClaimer(tx: Ctx, userId: number): Promise<void> {
  await lockForTransaction(tx, `customer-pool-claim:${userId}`);
}

/**
 * Claim a pool customer (CUS-7): it must be visible to the caller (the pool's share), still in the pool, not a
 * duplicate of a customer someone else owns (CUS-8), and within the pool's limits. The caller becomes the owner;
 * contacts and open records the last owner left behind follow.
 */
export async function claimFromPool(engine: Engine, ctx: Ctx, id: number) {
  return transaction(ctx, async (tx) => {
    const customers = records(tx, 'customer');
    await customers.get(id);
    const me = subjectOf(tx.actor);
    const row = await lockCustomer(tx, id);
    if (!row.inPool) {
      if (row.ownerId !== null && row.ownerId !== me) {
        throw ownedError(tx, {
          id,
          ownerId: row.ownerId,
          ownerName: row.ownerName,
          ownerSince: row.ownerSince,
          inPool: false,
        });
      }
      throw new KehuError('CUSTOMER_NOT_IN_POOL', {}, undefined, 409);
    }
    const twin = await findExisting(tx, { name: row.name, creditCode: row.creditCode }, id);
    if (twin && twin.ownerId !== null && twin.ownerId !== me) throw ownedError(tx, twin);
    await lockClaimer(tx, me);
    const sys = systemTx(engine, tx);
    const [rule] = row.poolId ? await loadRules(sys, row.poolId) : [];
    const { held, claimedToday } = await counts(sys, me);
    if (rule?.maxHeld && held >= rule.maxHeld)
      throw new KehuError('POOL_LIMIT_HELD', { max: rule.maxHeld, held }, undefined, 409);
    if (rule?.maxClaimsPerDay && claimedToday >= rule.maxClaimsPerDay)
      throw new KehuError('POOL_LIMIT_DAILY', { max: rule.maxClaimsPerDay }, undefined, 409);
    // The rule checked the caller; the write is the engine's (the caller has no edit right on a pool record).
    await updateRecord(tx, 'customer', id, { owner: me }, { internal: true });
    if (row.lastOwnerId !== null) await moveFollowers(engine, tx, [{ id, from: row.lastOwnerId }], me);
    await createRecord(
      tx,
      'customerPoolClaim',
      { customer: id, pool: rule?.id ?? null, owner: me },
      { internal: true },
    );
    return customers.get(id);
  });
}

/** The caller's holdings against the limits of the pools that serve them (for the pool page). */
export async function poolQuota(engine: Engine, ctx: Ctx) {
  const me = subjectOf(ctx.actor);
  const sys = systemTx(engine, ctx);
  const parents = await departmentParents(sys);
  const up = new Set<number>();
  for (let d = ctx.actor.departmentId; d !== null && d !== undefined && !up.has(d); d = parents.get(d) ?? null)
    up.add(d);
  const rules = (await loadRules(sys)).filter((r) => ctx.actor.isAdmin || up.has(r.departmentId));
  return {
    ...(await counts(sys, me)),
    pools: rules.map((r) => ({
      id: r.id,
      name: r.name,
      maxHeld: r.maxHeld,
      maxClaimsPerDay: r.maxClaimsPerDay,
      returnAfterDays: r.returnAfterDays,
    })),
  };
}
