import type { Filter, Operation } from '@kehu/common';
import { Access } from '../access/access.ts';
import type { Ctx } from '../context.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { type Groups, groupBy, type MeasureRequest } from './group.ts';
import { countRecords, getRecord, type ListQuery, listAllRecords, listRecords } from './list.ts';

/** A grouping as modules ask for it: named measures (`{ amount: 'sum:amount' }`), each optionally conditional. */
export interface Aggregation {
  filter?: Filter;
  q?: string;
  /** Group keys: field paths through relations (`owner.department`), `closedOn:month`, `region:city`. */
  by?: string[];
  measures: Record<string, string | { measure: string; where?: Filter }>;
  sort?: string;
  /** Default 10,000 groups. */
  limit?: number;
}

/**
 * What modules read records through (DESIGN "access is structural"): every method starts from the records of
 * one object that the caller may read, and every relation it follows carries the target's scope and field rights.
 * Modules never build SQL against record tables themselves.
 */
export interface Records {
  readonly object: ObjectDef;
  list(q?: ListQuery, op?: Operation): ReturnType<typeof listRecords>;
  all(q?: Omit<ListQuery, 'limit' | 'cursor' | 'count'>, max?: number): Promise<Record<string, unknown>[]>;
  get(id: number): Promise<Record<string, unknown>>;
  count(filter?: Filter): Promise<number>;
  aggregate(a: Aggregation): Promise<Groups>;
  /** May the caller filter, group or aggregate on this field (seen in the clear)? */
  canQuery(field: string): boolean;
}

export interface RecordsOptions {
  /**
   * Read as the engine itself — every live row, every non-secret field, whoever acts — like `{ internal: true }`
   * on writes: for a write's own rules and bookkeeping (configuration, parts kept in step). Each use says why.
   */
  internal?: boolean;
}

/** The caller with every right, on the same connection (inside the write's transaction when there is one). */
function asEngine(ctx: Ctx): Ctx {
  const actor = { ...ctx.actor, isAdmin: true };
  return { ...ctx, actor, access: new Access(actor, ctx.db) };
}

export function records(caller: Ctx, objectName: string, opts: RecordsOptions = {}): Records {
  const ctx = opts.internal ? asEngine(caller) : caller;
  const obj = ctx.registry.get(objectName);
  return {
    object: obj,
    list: (q = {}, op = 'read') => listRecords(ctx, obj, q, op),
    all: (q = {}, max) => listAllRecords(ctx, obj, q, max),
    get: (id) => getRecord(ctx, obj, id),
    count: (filter) => countRecords(ctx, obj, { filter }),
    aggregate: (a) => {
      const measures: MeasureRequest[] = Object.entries(a.measures).map(([name, m]) =>
        typeof m === 'string' ? { name, measure: m } : { name, measure: m.measure, where: m.where },
      );
      return groupBy(ctx, obj, {
        filter: a.filter,
        q: a.q,
        by: a.by ?? [],
        measures,
        sort: a.sort ?? (measures[0] ? `-${measures[0].name}` : undefined),
        limit: a.limit ?? 10_000,
      });
    },
    canQuery: (name) => {
      const f: FieldDef | undefined = obj.fields.get(name);
      return f !== undefined && ctx.access.canQueryField(obj, f);
    },
  };
}

/**
 * A filter on a parent re-rooted at a child that points to it: `{ field: 'status' }` on opportunities becomes
 * `{ field: 'opportunity.status' }` on opportunity lines. The hop carries the parent's scope like any other.
 */
export function through(relation: string, filter: Filter | undefined): Filter | undefined {
  if (filter === undefined) return undefined;
  const walk = (node: Filter): Filter => {
    const n = node as Record<string, unknown>;
    if (Array.isArray(n.and)) return { and: (n.and as Filter[]).map(walk) } as Filter;
    if (Array.isArray(n.or)) return { or: (n.or as Filter[]).map(walk) } as Filter;
    if (n.not !== undefined) return { not: walk(n.not as Filter) } as Filter;
    return { ...n, field: `${relation}.${String(n.field)}` } as Filter;
  };
  return walk(filter);
}
