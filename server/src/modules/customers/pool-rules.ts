import { sql } from 'kysely';
import { addShare, listShares, removeShare } from '../../engine/access/shares.ts';
import type { Ctx } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { systemTx } from './ownership-input.ts';

export interface PoolRule {
  id: number;
  name: string;
  departmentId: number;
  customerTypes: string[];
  returnAfterDays: number | null;
  maxHeld: number | null;
  maxClaimsPerDay: number | null;
}

/** Active pool rules (configuration, read as the system: whoever claims does not need the right to read rules). */
export async function loadRules(ctx: Ctx, id?: number): Promise<PoolRule[]> {
  const obj = ctx.registry.get('customerPoolRule');
  const c = (f: string) => sql.ref(`t.${obj.fields.get(f)!.column!}`);
  const r = await sql<Record<string, any>>`select t.id, ${c('name')} as name, ${c('department')} as department_id,
      ${c('customerTypes')} as customer_types, ${c('returnAfterDays')} as return_after_days,
      ${c('maxHeld')} as max_held, ${c('maxClaimsPerDay')} as max_claims_per_day
    from ${sql.table(obj.table)} as t
    where t.deleted_at is null and coalesce(${c('active')}, true) ${id ? sql`and t.id = ${id}` : sql``}
    order by t.id`.execute(ctx.db);
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return r.rows.map((x) => ({
    id: Number(x.id),
    name: x.name,
    departmentId: Number(x.department_id),
    customerTypes: Array.isArray(x.customer_types) ? x.customer_types : [],
    returnAfterDays: n(x.return_after_days),
    maxHeld: n(x.max_held),
    maxClaimsPerDay: n(x.max_claims_per_day),
  }));
}

/** Department → parent, for walking up the tree. */
export async function departmentParents(ctx: Ctx): Promise<Map<number, number | null>> {
  const r = await sql<{ id: number; parent_id: number | null }>`select id, parent_id from obj_department
    where deleted_at is null`.execute(ctx.db);
  return new Map(r.rows.map((d) => [Number(d.id), d.parent_id === null ? null : Number(d.parent_id)]));
}

/** The pool that serves a person of `department` for a customer of `type`: the nearest one up the tree. */
export function nearestRule(
  rules: PoolRule[],
  parents: Map<number, number | null>,
  department: number | null,
  type: string | null,
): PoolRule | undefined {
  const seen = new Set<number>();
  for (let d = department; d !== null && d !== undefined && !seen.has(d); d = parents.get(d) ?? null) {
    seen.add(d);
    const hit = rules.find(
      (r) =>
        r.departmentId === d && (r.customerTypes.length === 0 || (type !== null && r.customerTypes.includes(type))),
    );
    if (hit) return hit;
  }
  return undefined;
}

/** Pool customers are shared read-only with the department the pool serves (and so its subtree, SEC-4). */
export async function sharePool(engine: Engine, tx: Ctx, customerId: number, departmentId: number): Promise<void> {
  await addShare(systemTx(engine, tx), 'customer', customerId, { department: departmentId, level: 'read' });
}

/** Take back the pool's share (claimed, assigned or transferred out of the pool). */
export async function unsharePool(engine: Engine, tx: Ctx, customerId: number, departmentId: number): Promise<void> {
  const sys = systemTx(engine, tx);
  for (const s of await listShares(sys, 'customer', customerId)) {
    if (s.department?.id === departmentId && s.level === 'read') await removeShare(sys, 'customer', customerId, s.id);
  }
}
