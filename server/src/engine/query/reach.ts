import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';

/** How a caller sees one field: not at all, masked, or in the clear. */
export type Sight = 'hidden' | 'masked' | 'plain';

/**
 * What a caller can reach through relations (SEC-2, SEC-3, SEC-14). Every relation hop — filters, sorts,
 * group keys, measures, labels, many-to-many links — asks this one object, so a relation is never a way around
 * the target's row scope or field rights.
 */
export interface Reach {
  /** SQL condition: may the caller read the `alias` row of `target`? */
  rows(target: ObjectDef, alias: string): RawBuilder<unknown>;
  /** How the caller sees field `f` of `target`. */
  sight(target: ObjectDef, f: FieldDef): Sight;
}

/** May the caller filter, sort, group or aggregate on the field? Only on values it sees in the clear. */
export const queryable = (reach: Reach, o: ObjectDef, f: FieldDef) => reach.sight(o, f) === 'plain';
/** May the field be returned to the caller (masked or not)? */
export const showable = (reach: Reach, o: ObjectDef, f: FieldDef) => reach.sight(o, f) !== 'hidden';

/** The engine's own reach: every row, every non-secret field (history snapshots, internal reads). */
export const fullReach: Reach = {
  rows: () => sql`true`,
  sight: (_o, f) => (f.impl.secret ? 'hidden' : 'plain'),
};

/** The reach of the request's actor for reading. */
export async function readerReach(ctx: Ctx): Promise<Reach> {
  await ctx.access.ready('read');
  return {
    rows: (target, alias) => ctx.access.predicateNow(target, 'read', alias),
    sight: (target, f) => {
      if (!ctx.access.canReadField(target, f)) return 'hidden';
      return ctx.access.canQueryField(target, f) ? 'plain' : 'masked';
    },
  };
}

/**
 * The gate of every query path (filters, sorts, group keys, measures): hidden fields are unknown (their
 * existence is not revealed); masked ones are refused by name (SEC-14).
 */
export function queryGate(reach: Reach) {
  return (o: ObjectDef, f: FieldDef): boolean => {
    const s = reach.sight(o, f);
    if (s === 'masked') throw new KehuError('MASKED_FIELD', { field: f.label });
    return s === 'plain';
  };
}
