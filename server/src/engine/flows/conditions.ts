import type { Filter } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { records } from '../query/builder.ts';
import type { FlowClause, FlowCondition } from './tree.ts';

/** The submitter as conditions see them: departments from their own up to the root, role ids. */
export interface Submitter {
  id: number;
  departments: number[];
  roles: number[];
}

export const submitterPrefix = '$submitter.';

export async function loadSubmitter(ctx: Ctx, userId: number): Promise<Submitter> {
  const r = await sql<{ departments: number[] | null; roles: number[] | null }>`
    with recursive up as (
      select d.id, d.parent_id, 1 as depth from obj_department d
        join obj_user u on u.department_id = d.id where u.id = ${userId}
      union all select d.id, d.parent_id, up.depth + 1 from obj_department d join up on d.id = up.parent_id
        where up.depth < 20)
    select (select array_agg(id::int order by depth) from up) as departments,
      (select array_agg(b_id::int) from rel_obj_user_roles where a_id = ${userId}) as roles`.execute(ctx.db);
  return { id: userId, departments: r.rows[0]?.departments ?? [], roles: r.rows[0]?.roles ?? [] };
}

const asIds = (v: unknown): number[] => (Array.isArray(v) ? v : [v]).map(Number).filter(Number.isSafeInteger);

/** A clause on the submitter; `department` holds for the department and every department under it. */
function submitterHolds(c: FlowClause, s: Submitter): boolean {
  const key = c.field.slice(submitterPrefix.length);
  const have = key === 'department' ? s.departments : key === 'role' ? s.roles : key === 'id' ? [s.id] : undefined;
  if (!have) throw new KehuError('INVALID_FILTER', { detail: c.field });
  const want = asIds(c.value);
  const any = want.some((w) => have.includes(w));
  if (c.op === 'eq' || c.op === 'in') return any;
  if (c.op === 'ne' || c.op === 'notIn') return !any;
  throw new KehuError('UNKNOWN_OPERATOR', { field: c.field, op: c.op });
}

const recordFilter = (id: number, clauses: FlowClause[]): Filter => ({
  and: [{ field: 'id', op: 'eq', value: id }, ...clauses.map((c) => ({ field: c.field, op: c.op, value: c.value }))],
});

/**
 * Does the condition hold for this record and submitter? Record clauses run through the engine's filter
 * language on the record itself (exact money and dates, relation paths), read as the engine: the flow decides
 * its route on the whole record, whoever submits.
 */
export async function holds(
  ctx: Ctx,
  object: string,
  recordId: number,
  cond: FlowCondition,
  submitter: Submitter,
): Promise<boolean> {
  for (const group of cond.any) {
    const mine = group.all.filter((c) => c.field.startsWith(submitterPrefix));
    if (!mine.every((c) => submitterHolds(c, submitter))) continue;
    const onRecord = group.all.filter((c) => !c.field.startsWith(submitterPrefix));
    if (onRecord.length === 0) return true;
    // The engine's own read: the route depends on the record, not on what the submitter may see of it.
    if ((await records(ctx, object, { internal: true }).count(recordFilter(recordId, onRecord))) > 0) return true;
  }
  return false;
}

/** Compile a condition against the object without reading a record: unknown fields and operators fail here. */
export async function checkCondition(ctx: Ctx, object: string, cond: FlowCondition): Promise<string | undefined> {
  const none: Submitter = { id: 0, departments: [], roles: [] };
  try {
    for (const g of cond.any) {
      for (const c of g.all) if (c.field.startsWith(submitterPrefix)) submitterHolds(c, none);
      const onRecord = g.all.filter((c) => !c.field.startsWith(submitterPrefix));
      if (onRecord.length) await records(ctx, object, { internal: true }).count(recordFilter(0, onRecord));
    }
    return undefined;
  } catch (err) {
    if (err instanceof KehuError) return err.code === 'UNKNOWN_FIELD' ? 'unknownField' : 'badCondition';
    throw err;
  }
}
