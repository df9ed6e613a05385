import type { TestKehu } from '../../test/harness.ts';
import { allPages, note, statsOn } from './access-property-calls.ts';
import { asSeenBy, type FNode, toFilter } from './access-property-paths.ts';
import type { Obj } from './access-property-schema.ts';
import type { Truth } from './access-property-truth.ts';
import type { Person } from './access-property-world.ts';

/** What every property of the attack suite works with: the running Kehu and the ground truth of its world. */
export interface Suite {
  k: TestKehu;
  t: Truth;
}

/** The outcome of one case: what was asked (for the report) and what was wrong. */
export interface Outcome {
  what: unknown;
  problems: string[];
}

/**
 * The records of `base` that `u` must match: the administrator runs the filter with every hop limited to what
 * `u` may read (asSeenBy), in the order of `sort`; then only the records `u` may read remain. Null when the
 * administrator is refused too (a value the field type does not take).
 */
export async function mustMatch(s: Suite, u: Person, base: Obj, filter: FNode | null, sort?: string, deleted = false) {
  const admin = await allPages(s.k.admin, `/api/objects/${base}`, {
    filter: filter ? asSeenBy(s.t, u, filter) : undefined,
    sort,
    limit: '500',
    deleted: deleted ? 'true' : undefined,
  });
  if (admin.status !== 200) return null;
  const order = admin.rows.map((r) => r.id as number);
  // The recycle bin shows deleted records the caller may read (`may`: deleted ones included).
  const ids = new Set(order.filter((id) => (deleted ? s.t.may(u, base, id) : s.t.readable(u, base, id))));
  if (statsOn && filter) {
    // Would the filter have matched more (or other) records if hops ignored the caller's scope?
    const raw = await allPages(s.k.admin, `/api/objects/${base}`, { filter: toFilter(filter), limit: '500' });
    const plain = raw.rows.map((r) => r.id as number).filter((id) => s.t.readable(u, base, id));
    note(
      plain.length !== ids.size || plain.some((id) => !ids.has(id))
        ? 'filter: hop scope decided'
        : 'filter: hop scope irrelevant',
    );
  }
  note(ids.size ? 'matches: some' : 'matches: none');
  return { order, ids };
}

/** The refusals `u` may get: FORBIDDEN for an object outside its rights, and the first bad path. */
export function refusals(
  s: Suite,
  u: Person,
  base: string,
  op: 'read' | 'export',
  ...errors: Array<string | null | undefined>
) {
  const out = new Set<string>();
  if (s.t.scope(u, base, op) === 'none') out.add('FORBIDDEN');
  const first = errors.find(Boolean);
  if (first) out.add(first);
  return out;
}

export function sameSet(label: string, got: number[], want: Iterable<number>): string[] {
  const g = [...got].sort((a, b) => a - b);
  const e = [...want].sort((a, b) => a - b);
  return JSON.stringify(g) === JSON.stringify(e)
    ? []
    : [`${label}: got ${JSON.stringify(g)}, expected ${JSON.stringify(e)}`];
}
