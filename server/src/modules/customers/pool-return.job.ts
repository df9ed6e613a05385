import { type RawBuilder, sql } from 'kysely';
import { transaction } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { customerTypes } from './options.ts';
import { enterPool } from './pool.service.ts';
import { departmentParents, loadRules, nearestRule, type PoolRule } from './pool-rules.ts';

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

/**
 * Return customers nobody worked on for a rule's N days to its pool (CUS-7): no contact since (last contact,
 * else since the owner got it). The nearest rule up the owner's department tree governs each customer. One
 * transaction per batch; each customer goes through the pipeline as the system (history shows it).
 */
export async function returnInactiveCustomers(engine: Engine, now = new Date(), batch = 200): Promise<number> {
  const ctx = engine.systemContext();
  const obj = ctx.registry.get('customer');
  const c = (f: string) => sql.ref(`t.${obj.fields.get(f)!.column!}`);
  let returned = 0;
  for (const { rule, pairs } of await governed(engine)) {
    const which: RawBuilder<unknown>[] = [...pairs].map(
      ([type, depts]) => sql`(${c('type')} = ${type} and u.department_id = any(${depts}::bigint[]))`,
    );
    const cutoff = new Date(now.getTime() - rule.returnAfterDays! * 86_400_000);
    for (;;) {
      const r = await sql<{ id: number }>`select t.id from ${sql.table(obj.table)} as t
          join obj_user u on u.id = ${c('owner')}
        where t.deleted_at is null and not coalesce(${c('inPool')}, false)
          and coalesce(${c('lastContactAt')}, ${c('ownerSince')}, t.created_at) < ${cutoff}
          and (${sql.join(which, sql` or `)})
        order by t.id limit ${batch}`.execute(ctx.db);
      if (!r.rows.length) break;
      await transaction(ctx, async (tx) => {
        for (const { id } of r.rows) await enterPool(engine, tx, Number(id), rule);
      });
      returned += r.rows.length;
      if (r.rows.length < batch) break;
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
