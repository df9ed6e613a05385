import type { Filter } from '@kehu/common';
import { addShare, listShares, removeShare } from '../../engine/access/shares.ts';
import type { Ctx } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { records } from '../../engine/query/builder.ts';
import { systemTx } from './ownership-input.ts';
import { refId } from './record-reads.ts';

export interface PoolRule {
  id: number;
  name: string;
  departmentId: number;
  customerTypes: string[];
  returnAfterDays: number | null;
  maxHeld: number | null;
  maxClaimsPerDay: number | null;
}

/**
 * Active pool rules, in id order. Configuration, read with `sys` (the system actor in the caller's transaction):
 * whoever claims does not need the right to read rules.
 */
export async function loadRules(sys: Ctx, id?: number): Promise<PoolRule[]> {
  const active: Filter = { field: 'active', op: 'ne', value: false };
  const rows = await records(sys, 'customerPoolRule').all({
    filter: id ? { and: [active, { field: 'id', op: 'eq', value: id }] } : active,
    sort: [{ field: 'id', dir: 'asc' }],
  });
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((x) => ({
    id: Number(x.id),
    name: x.name as string,
    departmentId: Number(refId(x.department)),
    customerTypes: Array.isArray(x.customerTypes) ? (x.customerTypes as string[]) : [],
    returnAfterDays: n(x.returnAfterDays),
    maxHeld: n(x.maxHeld),
    maxClaimsPerDay: n(x.maxClaimsPerDay),
  }));
}

/** Department → parent, for walking up the tree (every department, read with `sys`). */
export async function departmentParents(sys: Ctx): Promise<Map<number, number | null>> {
  const rows = await records(sys, 'department').all({});
  return new Map(rows.map((d) => [Number(d.id), refId(d.parent)]));
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
