import type { Filter } from '@kehu/common';
import { type Ctx, transaction } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { customerTypes } from './options.ts';
import { enterPool } from './pool.service.ts';
import { departmentParents, loadRules, nearestRule, type PoolRule } from './pool-rules.ts';
import { inIds, refId } from './record-reads.ts';

export const poolReturnJob = 'customer-pool-return';
/** Every night at 02:30 (engine time zone), when nobody is working on customers. */
export const poolReturnCron = '30 2 * * *';

/** For each rule that returns customers: which (owner department, customer type) pairs it governs. */
async function governed(engine: Engine) {
  const ctx = engine.systemContext();
  const rules = await loadRules(ctx);
  const parents = await departmentParents(ctx);
  const types = customerTypes.map((t) => t.value);
  const out = new Map<number, { rule: PoolRule; pairs: Map<string, number[]> }>();
  for (const dept of parents.keys()) {
    for (const type of types) {
      const rule = nearestRule(rules, parents, dept, type);
      if (!rule?.returnAfterDays) continue;
      const g = out.get(rule.id) ?? { rule, pairs: new Map<string, number[]>() };
      g.pairs.set(type, [...(g.pairs.get(type) ?? []), dept]);
      out.set(rule.id, g);
    }
  }
  return [...out.values()];
}

/** Users by department — deleted ones too: a customer is governed by the department of whoever owns it. */
async function usersByDepartment(sys: Ctx): Promise<Map<number, number[]>> {
  const users = records(sys, 'user');
  const out = new Map<number, number[]>();
  for (const u of [...(await users.all({})), ...(await users.all({ deleted: true }))]) {
    const dept = refId(u.department);
    if (dept !== null) out.set(dept, [...(out.get(dept) ?? []), Number(u.id)]);
  }
  return out;
}

/** No contact since `cutoff`: the last contact, else since the owner got it, else since the customer was created. */
export function idleSince(cutoff: Date): Filter {
  const before = (field: string): Filter => ({ field, op: 'lt', value: cutoff.toISOString() });
  const empty = (field: string): Filter => ({ field, op: 'isEmpty' });
  return {
    or: [
      before('lastContactAt'),
      { and: [empty('lastContactAt'), before('ownerSince')] },
      { and: [empty('lastContactAt'), empty('ownerSince'), before('createdAt')] },
    ],
  };
}

/**
 * Return customers nobody worked on for a rule's N days to its pool (CUS-7): no contact since (last contact,
 * else since the owner got it). The nearest rule up the owner's department tree governs each customer. One
 * transaction per batch (at most 500); each customer goes through the pipeline as the system (history shows it).
 */
export async function returnInactiveCustomers(engine: Engine, now = new Date(), batch = 200): Promise<number> {
  const ctx = engine.systemContext();
  const customers = records(ctx, 'customer');
  const size = Math.min(Math.max(batch, 1), 500);
  const groups = await governed(engine);
  const owners = groups.length ? await usersByDepartment(ctx) : new Map<number, number[]>();
  let returned = 0;
  for (const { rule, pairs } of groups) {
    const which: Filter[] = [...pairs].map(([type, depts]) => ({
      and: [
        { field: 'type', op: 'eq', value: type },
        inIds(
          'owner',
          depts.flatMap((d) => owners.get(d) ?? []),
        ),
      ],
    }));
    const filter: Filter = {
      and: [
        { field: 'inPool', op: 'ne', value: true },
        idleSince(new Date(now.getTime() - rule.returnAfterDays! * 86_400_000)),
        { or: which },
      ],
    };
    for (;;) {
      const page = await customers.list({ filter, sort: [{ field: 'id', dir: 'asc' }], limit: size });
      if (!page.data.length) break;
      await transaction(ctx, async (tx) => {
        for (const c of page.data) await enterPool(engine, tx, Number(c.id), rule);
      });
      returned += page.data.length;
      if (page.data.length < size) break;
    }
  }
  return returned;
}

/** The daily job; retried with backoff by the jobs service when a batch fails. */
export function registerPoolReturnJob(engine: Engine): void {
  void engine.jobs.define(poolReturnJob, async () => ({ returned: await returnInactiveCustomers(engine) }), {
    retryLimit: 3,
    retryDelay: 300,
    expireInSeconds: 2 * 3600,
  });
  void engine.jobs.schedule(poolReturnJob, poolReturnCron);
}
