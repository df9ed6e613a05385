import fc from 'fast-check';
import { allPaths, type Path, pathArb, pathError, pathName, seenValue } from './access-property-paths.ts';
import type { Obj } from './access-property-schema.ts';
import type { Truth } from './access-property-truth.ts';
import type { Person, Rec } from './access-property-world.ts';

/**
 * What sorted lists and group-by must answer according to the ground truth (SEC-2, SEC-3): sort keys and group
 * keys through unreadable links are empty, measures see nothing of unreadable records.
 */

export type Dir = 'asc' | 'desc';
export interface SortSpec {
  path: Path;
  dir: Dir;
}

export const sortParam = (s: SortSpec) => `${s.dir === 'desc' ? '-' : ''}${pathName(s.path)}`;

export function sortArb(t: Truth, base: Obj, u: Person): fc.Arbitrary<SortSpec> {
  const paths = allPaths(base).filter((p) => p.kind !== 'links');
  return fc.record({ path: pathArb(t, paths, u), dir: fc.constantFrom<Dir>('asc', 'desc') });
}

/**
 * The order `u` must get: the administrator's order (same values wherever `u` sees a value), then the records
 * whose key `u` sees as empty — nulls last, in id order (the tie-breaker), as if the link were empty.
 */
export function expectedOrder(t: Truth, u: Person, s: SortSpec, adminOrder: number[], expected: Set<number>) {
  const base = s.path.base;
  const seen = (id: number) => seenValue(t, u, t.rec(base, id)!, s.path);
  const valued = adminOrder.filter((id) => expected.has(id) && seen(id) !== null);
  const empty = [...expected].filter((id) => seen(id) === null).sort((a, b) => (s.dir === 'asc' ? a - b : b - a));
  return [...valued, ...empty];
}

export interface Measure {
  fn: 'count' | 'sum' | 'min' | 'max';
  path?: Path;
}
export const measureName = (m: Measure) => (m.path ? `${m.fn}:${pathName(m.path)}` : 'count');

const groupKinds = new Set(['text', 'money', 'pick', 'ref']);

export function groupKeyArb(t: Truth, base: Obj, u: Person): fc.Arbitrary<Path> {
  return pathArb(
    t,
    allPaths(base).filter((p) => groupKinds.has(p.kind)),
    u,
  );
}

export function measureArb(t: Truth, base: Obj, u: Person): fc.Arbitrary<Measure> {
  const paths = allPaths(base);
  const of = (kinds: string[]) => paths.filter((p) => kinds.includes(p.kind));
  const fns =
    (...fn: Measure['fn'][]) =>
    (path: Path) =>
      fc.constantFrom(...fn.map((f) => ({ fn: f, path })));
  const arbs: fc.Arbitrary<Measure>[] = [
    pathArb(t, of(['text', 'long']), u).chain(fns('min', 'max')),
    pathArb(t, of(['ref']), u).chain(fns('count')),
  ];
  if (of(['money']).length) arbs.push(pathArb(t, of(['money']), u).chain(fns('sum', 'min', 'max')));
  return fc.oneof(...arbs);
}

/** The refusal of a group query: keys first, then measures (the filter is the caller's to add). */
export function groupError(t: Truth, u: Person, by: Path[], measures: Measure[]): string | undefined {
  for (const p of by) {
    const e = pathError(t, u, p);
    if (e) return e;
  }
  for (const m of measures) {
    const e = m.path && pathError(t, u, m.path);
    if (e) return e;
  }
  return undefined;
}

/** JSON with sorted keys, to compare group keys whatever the property order. */
export function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

function measureOf(t: Truth, u: Person, m: Measure, recs: Rec[]): unknown {
  if (!m.path) return recs.length;
  const vs = recs.map((r) => seenValue(t, u, r, m.path!)).filter((v) => v !== null);
  if (m.fn === 'count') return vs.length;
  if (vs.length === 0) return m.fn === 'sum' ? 0 : null;
  if (m.path.kind === 'money') {
    const ns = vs.map(Number);
    return m.fn === 'sum' ? ns.reduce((a, b) => a + b, 0) : m.fn === 'min' ? Math.min(...ns) : Math.max(...ns);
  }
  const ss = (vs as string[]).slice().sort();
  return m.fn === 'min' ? ss[0] : ss[ss.length - 1];
}

/** A measure value as compared: money as numbers (the engine answers decimal text). */
export function measureValue(m: Measure, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  return m.path?.kind === 'money' || m.fn === 'count' || !m.path ? Number(v) : v;
}

/** Expected groups (stable key → count and measures) and totals, over the records `u` reads that match. */
export function expectedGroups(t: Truth, u: Person, by: Path[], measures: Measure[], recs: Rec[]) {
  const groups = new Map<string, Rec[]>();
  const keys = new Map<string, Record<string, unknown>>();
  for (const r of recs) {
    const key = Object.fromEntries(by.map((p) => [pathName(p), seenValue(t, u, r, p)]));
    const s = stable(key);
    groups.set(s, [...(groups.get(s) ?? []), r]);
    keys.set(s, key);
  }
  const row = (rs: Rec[]) => Object.fromEntries(measures.map((m) => [measureName(m), measureOf(t, u, m, rs)]));
  return {
    groups: new Map([...groups].map(([s, rs]) => [s, { key: keys.get(s)!, count: rs.length, ...row(rs) }])),
    totals: { count: recs.length, ...row(recs) },
  };
}
