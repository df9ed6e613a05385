import type { SortKey } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import { KehuError } from '../errors.ts';
import type { Registry } from '../metadata/registry.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { castOf } from './conditions.ts';
import { joinHop } from './hops.ts';
import { resolvePath } from './paths.ts';
import { queryGate, type Reach } from './reach.ts';

export interface SortPlan {
  keys: Array<{ expr: RawBuilder<unknown>; dir: 'asc' | 'desc'; cast: string; nullable: boolean }>;
  joins: RawBuilder<unknown>[];
}

const notNullColumns = new Set(['id', 'created_at', 'updated_at', 'version']);

/** `sort=name,-createdAt,customer.industry` → sort keys; related fields are reached through left joins. */
export function parseSort(param: unknown): SortKey[] {
  if (param === undefined || param === '') return [];
  if (typeof param !== 'string' || param.length > 500) throw new KehuError('UNKNOWN_FIELD', { field: 'sort' });
  return param
    .split(',')
    .map((p) => (p.startsWith('-') ? { field: p.slice(1), dir: 'desc' } : { field: p, dir: 'asc' }));
}

export function planSort(registry: Registry, obj: ObjectDef, sort: SortKey[], reach: Reach, alias = 't'): SortPlan {
  const gate = queryGate(reach);
  if (sort.length > 5) throw new KehuError('UNKNOWN_FIELD', { field: 'sort' });
  const plan: SortPlan = { keys: [], joins: [] };
  let n = 0;
  for (const key of sort) {
    const path = resolvePath(registry, obj, key.field, gate);
    const f = path.field;
    if (!f.impl.sortable || !f.column) throw new KehuError('UNKNOWN_FIELD', { field: key.field });
    let a = alias;
    for (const hop of path.hops) {
      const next = `s${++n}`;
      plan.joins.push(joinHop(hop, a, next, reach));
      a = next;
    }
    plan.keys.push({
      expr: sql.ref(`${a}.${f.column}`),
      dir: key.dir,
      cast: castOf(f.impl.kind),
      nullable: path.hops.length > 0 || !notNullColumns.has(f.column),
    });
  }
  return plan;
}

/**
 * ORDER BY with nulls last and the id as the final tie-breaker (stable keyset paging). Columns that are never
 * null get no NULLS clause: `updated_at desc, id desc` can walk the (updated_at, id) index backwards and stop
 * after one page, while `desc nulls last` cannot use it and sorts every matching row.
 */
export function orderBy(plan: SortPlan, alias = 't', idDir: 'asc' | 'desc' = 'desc'): RawBuilder<unknown> {
  const parts = plan.keys.map((k) =>
    k.nullable ? sql`${k.expr} ${sql.raw(k.dir)} nulls last` : sql`${k.expr} ${sql.raw(k.dir)}`,
  );
  parts.push(sql`${sql.ref(`${alias}.id`)} ${sql.raw(plan.keys.length ? plan.keys[plan.keys.length - 1].dir : idDir)}`);
  return sql.join(parts);
}

/** Rows strictly after the cursor position, in the order above. `values` are the text forms of the sort keys. */
export function afterCursor(
  plan: SortPlan,
  values: (string | null)[],
  lastId: number,
  alias = 't',
  idDir: 'asc' | 'desc' = 'desc',
) {
  const id = sql.ref(`${alias}.id`);
  const dirOfId = plan.keys.length ? plan.keys[plan.keys.length - 1].dir : idDir;
  // Fast path: one direction, no nulls possible → a row comparison that an index can serve.
  if (plan.keys.every((k) => !k.nullable && k.dir === dirOfId)) {
    const left = sql.join([...plan.keys.map((k) => k.expr), id]);
    const right = sql.join([...plan.keys.map((k, i) => sql`${values[i]}::${sql.raw(k.cast)}`), sql`${lastId}::bigint`]);
    return dirOfId === 'asc' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
  }
  let cond: RawBuilder<unknown> = dirOfId === 'asc' ? sql`${id} > ${lastId}` : sql`${id} < ${lastId}`;
  for (let i = plan.keys.length - 1; i >= 0; i--) {
    const k = plan.keys[i];
    const v = values[i];
    if (v === null) {
      cond = sql`(${k.expr} is null and ${cond})`;
    } else {
      const typed = sql`${v}::${sql.raw(k.cast)}`;
      const beyond = k.dir === 'asc' ? sql`${k.expr} > ${typed}` : sql`${k.expr} < ${typed}`;
      cond = sql`(${beyond} or ${k.expr} is null or (${k.expr} = ${typed} and ${cond}))`;
    }
  }
  return cond;
}
