import { type Filter, type FilterOp, filterOps } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import { FieldProblem, KehuError } from '../errors.ts';
import type { Registry } from '../metadata/registry.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { genericCondition } from './conditions.ts';
import { inHop } from './hops.ts';
import { type FieldGate, resolvePath } from './paths.ts';
import { queryGate, type Reach } from './reach.ts';

export interface FilterEnv {
  registry: Registry;
  timezone: string;
  now: Date;
  /** Rows and fields the caller reaches through relations (every hop carries the target's scope). */
  reach: Reach;
  /** Which fields the caller may filter on; by default those it sees in the clear (`queryGate`). */
  gate?: FieldGate;
}

const maxDepth = 12;
const maxConditions = 300;

function invalid(detail: string): KehuError {
  return new KehuError('INVALID_FILTER', { detail: detail.slice(0, 120) });
}

/** Parse the `filter` query parameter (JSON text). */
export function parseFilterParam(text: unknown): Filter | undefined {
  if (text === undefined || text === '') return undefined;
  if (typeof text !== 'string') throw invalid('filter');
  try {
    return JSON.parse(text) as Filter;
  } catch {
    throw invalid('not JSON');
  }
}

/**
 * Compile a filter tree into a SQL condition on `alias`. Field names only ever reach SQL through metadata;
 * values are bound parameters. Anything unknown is refused, never ignored.
 */
export function compileFilter(env: FilterEnv, obj: ObjectDef, filter: Filter, alias = 't'): RawBuilder<unknown> {
  let count = 0;
  let sub = 0;
  const gate = env.gate ?? queryGate(env.reach);
  const walk = (node: unknown, o: ObjectDef, a: string, depth: number): RawBuilder<unknown> => {
    if (depth > maxDepth) throw invalid('too deep');
    if (typeof node !== 'object' || node === null || Array.isArray(node)) throw invalid('node');
    const keys = Object.keys(node);
    const n = node as Record<string, unknown>;
    if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
      const items = n[keys[0]];
      if (!Array.isArray(items) || items.length > maxConditions) throw invalid(keys[0]);
      if (items.length === 0) return keys[0] === 'and' ? sql`true` : sql`false`;
      const parts = items.map((i) => walk(i, o, a, depth + 1));
      return sql`(${sql.join(parts, keys[0] === 'and' ? sql` and ` : sql` or `)})`;
    }
    if (keys.length === 1 && keys[0] === 'not') return sql`not coalesce((${walk(n.not, o, a, depth + 1)}), false)`;
    if (!keys.every((k) => k === 'field' || k === 'op' || k === 'value') || !('field' in n) || !('op' in n)) {
      throw invalid('condition');
    }
    if (++count > maxConditions) throw invalid('too many conditions');
    const path = resolvePath(env.registry, o, n.field, gate);
    const op = n.op as FilterOp;
    const f = path.field;
    if (typeof op !== 'string' || !filterOps.includes(op) || !f.impl.ops.includes(op)) {
      throw new KehuError('UNKNOWN_OPERATOR', { field: String(n.field), op: String(op).slice(0, 30) });
    }
    // Walk the hops inside out: the condition sits on the last object, each hop is an IN (subquery).
    const aliases = [a, ...path.hops.map(() => `r${++sub}`)];
    const last = aliases[aliases.length - 1];
    let cond: RawBuilder<unknown>;
    try {
      const args = {
        field: f,
        alias: last,
        op,
        value: n.value,
        objectDef: (name: string) => env.registry.get(name),
        generic: (expr: RawBuilder<unknown>, kind: Parameters<typeof genericCondition>[0]['kind'], value: unknown) =>
          genericCondition({ expr, kind, op, value, field: f, timezone: env.timezone, now: env.now }),
      };
      cond = f.impl.condition
        ? f.impl.condition(args)
        : genericCondition({
            expr: sql.ref(`${last}.${f.column}`),
            kind: f.impl.kind,
            op,
            value: n.value,
            field: f,
            timezone: env.timezone,
            now: env.now,
          });
    } catch (err) {
      if (err instanceof FieldProblem) {
        throw new KehuError(
          'INVALID_FILTER',
          { detail: `${String(n.field)}: ${err.problem}` },
          { [String(n.field)]: err.problem },
        );
      }
      throw err;
    }
    for (let i = path.hops.length - 1; i >= 0; i--) {
      cond = inHop(path.hops[i], aliases[i], aliases[i + 1], cond, env.reach);
    }
    return cond;
  };
  return walk(filter, obj, alias, 0);
}
