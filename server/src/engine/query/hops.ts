import { type RawBuilder, sql } from 'kysely';
import type { Hop } from './paths.ts';
import type { Reach } from './reach.ts';

/**
 * The only two ways a query crosses a relation; both carry the target's row scope (SEC-2), so a relation never
 * reads around access. A link to a record the caller cannot read behaves like an empty link.
 */

/** Filter form: `from.via in (readable live target rows matching cond)`. */
export function inHop(hop: Hop, from: string, to: string, cond: RawBuilder<unknown>, reach: Reach) {
  return sql`${sql.ref(`${from}.${hop.via.column}`)} in (select ${sql.ref(`${to}.id`)} from ${sql.table(hop.to.table)} as ${sql.table(to)}
    where ${sql.ref(`${to}.deleted_at`)} is null and ${reach.rows(hop.to, to)} and ${cond})`;
}

/** Join form (sorts, group keys, measures): a left join whose ON clause holds the target's scope. */
export function joinHop(hop: Hop, from: string, to: string, reach: Reach) {
  return sql`left join ${sql.table(hop.to.table)} as ${sql.table(to)} on ${sql.ref(`${to}.id`)} = ${sql.ref(`${from}.${hop.via.column}`)}
    and ${reach.rows(hop.to, to)}`;
}
