import { allPages, codeOf, note, qs } from './access-property-calls.ts';
import {
  expectedGroups,
  expectedOrder,
  groupError,
  type Measure,
  measureName,
  measureValue,
  type SortSpec,
  sortParam,
  stable,
} from './access-property-expect.ts';
import { type FNode, filterError, type Path, pathError, pathName, toFilter } from './access-property-paths.ts';
import { business, type Obj, type relatedLists } from './access-property-schema.ts';
import { mustMatch, type Outcome, refusals, type Suite, sameSet } from './access-property-suite.ts';
import type { Person } from './access-property-world.ts';

/** The read paths of the attack suite (SEC-2, SEC-3, SEC-14): one function per path, one case each. */

/** GET one record (live, or from the recycle bin with `deleted=true`). */
export async function getCase(
  s: Suite,
  u: Person,
  obj: Obj,
  n: number,
  mine: boolean,
  deleted: boolean,
): Promise<Outcome> {
  const { t } = s;
  const rec = t.pick(u, obj, n, mine);
  const path = `/api/objects/${obj}/${rec.id}${deleted ? '?deleted=true' : ''}`;
  const r = await u.api.get(path);
  const want = t.may(u, obj, rec.id) && rec.deleted === deleted ? 200 : 404;
  const problems = t.leaks(u, r.body);
  if (r.status !== want) problems.push(`status ${r.status}, expected ${want}`);
  if (r.status === 200) problems.push(...t.recordProblems(u, obj, r.body.data));
  return { what: { user: u.username, path }, problems };
}

/** Every page of a filtered, sorted list with its count. */
export async function listCase(
  s: Suite,
  c: {
    u: Person;
    base: Obj;
    filter: FNode | null;
    sort: SortSpec | null;
    limit: string;
    deleted: boolean;
    post: boolean;
  },
): Promise<Outcome> {
  const { t } = s;
  const { u, base, filter, sort } = c;
  const params = { filter: filter ? toFilter(filter) : undefined, sort: sort ? sortParam(sort) : undefined };
  const extra = { limit: c.limit, count: 'true', deleted: c.deleted ? 'true' : undefined };
  const got = await allPages(u.api, `/api/objects/${base}`, { ...params, ...extra }, c.post);
  const problems = got.bodies.flatMap((b) => t.leaks(u, b, JSON.stringify(params)));
  const what = { user: u.username, path: decodeURIComponent(got.paths[0]) };
  const refused = refusals(s, u, base, 'read', sort && pathError(t, u, sort.path), filter && filterError(t, u, filter));
  note(`list: ${refused.size ? `refused ${[...refused]}` : 'answered'}`);
  if (refused.size) {
    if (!refused.has(codeOf(got.bodies.at(-1)) ?? 'ok')) problems.push(`${got.status}, expected ${[...refused]}`);
    return { what, problems };
  }
  const must = await mustMatch(s, u, base, filter, params.sort, c.deleted);
  if (must === null || got.status !== 200) {
    if (got.status < 400 || must !== null)
      problems.push(`status ${got.status} (administrator ${must ? 'answered' : 'refused'})`);
    return { what, problems };
  }
  const ids = got.rows.map((r) => r.id);
  problems.push(...sameSet('ids', ids, must.ids));
  if (got.total !== must.ids.size) problems.push(`total ${got.total}, expected ${must.ids.size}`);
  if (sort) {
    const order = expectedOrder(t, u, sort, must.order, must.ids);
    note(`sort: ${sort.path.hops.length} hops`);
    if (JSON.stringify(ids) !== JSON.stringify(order)) problems.push(`order ${ids}, expected ${order}`);
  }
  for (const row of got.rows) problems.push(...t.recordProblems(u, base, row));
  return { what, problems };
}

/** Group-by with measures, compared group by group and with the totals. */
export async function groupCase(
  s: Suite,
  c: { u: Person; base: Obj; by: Path[]; measures: Measure[]; filter: FNode | null },
): Promise<Outcome> {
  const { t } = s;
  const { u, base, by, measures, filter } = c;
  const params = {
    by: by.map(pathName).join(','),
    measures: measures.length ? measures.map(measureName).join(',') : undefined,
    filter: filter ? toFilter(filter) : undefined,
  };
  const path = `/api/objects/${base}/group${qs(params)}`;
  const what = { user: u.username, path: decodeURIComponent(path) };
  const r = await u.api.get(path);
  const problems = t.leaks(u, r.body, JSON.stringify(params));
  const refused = refusals(s, u, base, 'read', groupError(t, u, by, measures), filter && filterError(t, u, filter));
  note(`group: ${refused.size ? `refused ${[...refused]}` : 'answered'}`);
  if (refused.size) {
    if (!refused.has(codeOf(r.body) ?? 'ok')) problems.push(`${r.status}, expected ${[...refused]}`);
    return { what, problems };
  }
  const must = await mustMatch(s, u, base, filter);
  if (must === null || r.status !== 200) {
    if (r.status < 400 || must !== null) problems.push(`status ${r.status}: ${JSON.stringify(r.body)}`);
    return { what, problems };
  }
  const want = expectedGroups(
    t,
    u,
    by,
    measures,
    [...must.ids].map((id) => t.rec(base, id)!),
  );
  const all: Array<{ name: string; m?: Measure }> = [
    { name: 'count' },
    ...measures.map((m) => ({ name: measureName(m), m })),
  ];
  const differences = (label: string, got: any, exp: any) =>
    all
      .filter((x) => {
        const g = x.m ? measureValue(x.m, got?.[x.name]) : got?.[x.name];
        return g !== (x.m ? measureValue(x.m, exp[x.name]) : exp[x.name]);
      })
      .map((x) => `${label} ${x.name}: ${got?.[x.name]}, expected ${exp[x.name]}`);
  if ([...want.groups.values()].some((g) => JSON.stringify(g.key).includes('"restricted":true')))
    note('group: a restricted key');
  for (const row of r.body.data) {
    const exp = want.groups.get(stable(row.key));
    if (!exp) problems.push(`unexpected group ${stable(row.key)} (${row.count})`);
    else problems.push(...differences(`group ${stable(row.key)}`, row, exp));
  }
  if (r.body.data.length !== want.groups.size)
    problems.push(`${r.body.data.length} groups, expected ${[...want.groups.keys()].join(' | ')}`);
  problems.push(...differences('totals', r.body.totals, want.totals));
  return { what, problems };
}

/** A related list (one-to-many) of one parent, maybe filtered, every page, with its count. */
export async function relatedCase(
  s: Suite,
  c: { u: Person; rel: (typeof relatedLists)[number]; n: number; mine: boolean; filter: FNode | null },
): Promise<Outcome> {
  const { t } = s;
  const { u, rel, filter } = c;
  const parent = t.pick(u, rel.parent, c.n, c.mine);
  const path = `/api/objects/${rel.parent}/${parent.id}/related/${rel.field}`;
  const f = filter ? toFilter(filter) : undefined;
  const got = await allPages(u.api, path, { limit: '2', count: 'true', filter: f });
  const problems = got.bodies.flatMap((b) => t.leaks(u, b, JSON.stringify(f ?? '')));
  const want =
    t.sight(u, rel.parent, rel.field) === 'hidden'
      ? 'UNKNOWN_FIELD'
      : !t.readable(u, rel.parent, parent.id)
        ? 'NOT_FOUND'
        : t.scope(u, rel.child, 'read') === 'none'
          ? 'FORBIDDEN'
          : ((filter && filterError(t, u, filter)) ?? 'ok');
  const what = { user: u.username, path: decodeURIComponent(got.paths[0]) };
  if ((codeOf(got.bodies.at(-1)) ?? 'ok') !== want) problems.push(`${got.status}, expected ${want}`);
  if (want !== 'ok' || got.status !== 200) return { what, problems };
  const must = await mustMatch(s, u, rel.child, filter);
  if (must === null) return { what, problems };
  const kids = [...must.ids].filter((id) => t.rec(rel.child, id)!.v[rel.via]?.id === parent.id);
  problems.push(
    ...sameSet(
      'children',
      got.rows.map((r) => r.id),
      kids,
    ),
  );
  if (got.total !== kids.length) problems.push(`total ${got.total}, expected ${kids.length}`);
  for (const row of got.rows) problems.push(...t.recordProblems(u, rel.child, row));
  return { what, problems };
}

/** The recycle bin of a business object. */
export async function binCase(s: Suite, u: Person, obj: (typeof business)[number]): Promise<Outcome> {
  const { t } = s;
  const got = await allPages(u.api, `/api/recycle-bin/${obj}`, { limit: '2' });
  const problems = got.bodies.flatMap((b) => t.leaks(u, b));
  if (t.scope(u, obj, 'read') === 'none') {
    if (got.status !== 403) problems.push(`status ${got.status}, expected 403`);
  } else {
    const want = [...t.w.records[obj].values()].filter((r) => r.deleted && t.may(u, obj, r.id)).map((r) => r.id);
    problems.push(
      ...sameSet(
        'recycle bin',
        got.rows.map((r) => r.id),
        want,
      ),
    );
    for (const row of got.rows) problems.push(...t.recordProblems(u, obj, row));
  }
  return { what: { user: u.username, path: `/api/recycle-bin/${obj}` }, problems };
}

/** Creation, deletion and undeletion are events by themselves; a merge may touch no field of this record. */
const events = new Set(['create', 'delete', 'undelete', 'merge', 'unmerge']);

/**
 * The history of one record: versions only of readable records, without hidden fields, titles of unreadable
 * links or names of people the caller may not read; and no empty version where only hidden fields changed
 * (it would tell when they changed).
 */
export async function historyCase(s: Suite, u: Person, obj: Obj, n: number, mine: boolean): Promise<Outcome> {
  const { t } = s;
  const rec = t.pick(u, obj, n, mine);
  const path = `/api/objects/${obj}/${rec.id}/history`;
  const r = await u.api.get(path);
  const want = t.may(u, obj, rec.id) ? 200 : 404;
  const problems = t.leaks(u, r.body);
  if (r.status !== want) problems.push(`status ${r.status}, expected ${want}`);
  for (const h of r.status === 200 ? r.body.data : []) {
    for (const part of [h.snapshot, h.changes])
      for (const f of Object.keys(part ?? {}))
        if (t.sight(u, obj, f) === 'hidden') problems.push(`version ${h.version}: hidden field ${f}`);
    if (!events.has(h.action) && Object.keys(h.changes ?? {}).length === 0)
      problems.push(`version ${h.version} (${h.action}) shown without a visible change`);
    for (const p of [h.actor, h.onBehalfOf])
      if (p) {
        const seen = t.seenRef(u, 'user', p.id);
        if (JSON.stringify(p) !== JSON.stringify(seen))
          problems.push(`version ${h.version} actor ${JSON.stringify(p)}, expected ${JSON.stringify(seen)}`);
      }
  }
  note(`history: ${r.status === 200 ? `${r.body.data.length} versions` : r.status}`);
  return { what: { user: u.username, path }, problems };
}

export const isBusiness = (o: string): o is (typeof business)[number] => (business as readonly string[]).includes(o);
