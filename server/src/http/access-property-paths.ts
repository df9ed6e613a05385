import type { Filter } from '@kehu/common';
import fc from 'fast-check';
import { type Kind, kindOf, leaves, type Obj, relations } from './access-property-schema.ts';
import type { Ref, Truth } from './access-property-truth.ts';
import type { Person, Rec } from './access-property-world.ts';

/**
 * Paths through 0–3 relation hops (`customer.owner.department.name`), random filters over them, and what a
 * caller must get for them according to the ground truth: the refusal (hidden → UNKNOWN_FIELD, masked →
 * MASKED_FIELD), the value seen at the end (null when a hop reaches a record the caller cannot read).
 */

export interface Path {
  base: Obj;
  hops: string[];
  leaf: string;
  /** objs[i]: the object after i hops (objs[0] = base). */
  objs: Obj[];
  kind: Kind;
}

export const pathName = (p: Path) => [...p.hops, p.leaf].join('.');
export const lastObj = (p: Path) => p.objs[p.objs.length - 1];

export function allPaths(base: Obj, maxHops = 3): Path[] {
  const out: Path[] = [];
  const walk = (hops: string[], objs: Obj[]) => {
    const o = objs[objs.length - 1];
    for (const leaf of [...Object.keys(leaves[o]), ...Object.keys(relations[o])])
      out.push({ base, hops, leaf, objs, kind: kindOf(o, leaf)! });
    if (hops.length < maxHops) for (const [f, to] of Object.entries(relations[o])) walk([...hops, f], [...objs, to]);
  };
  walk([], [base]);
  return out;
}

/** The refusal a path meets for `u`, hop by hop: a hidden field is unknown, a masked one is refused by name. */
export function pathError(t: Truth, u: Person, p: Path): 'UNKNOWN_FIELD' | 'MASKED_FIELD' | undefined {
  const parts = [...p.hops, p.leaf];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'id') return undefined;
    const s = t.sight(u, p.objs[i], parts[i]);
    if (s === 'hidden') return 'UNKNOWN_FIELD';
    if (s === 'masked') return 'MASKED_FIELD';
  }
  return undefined;
}

/** The record at the end of the hops as `u` reaches it, or null (an empty link, or one it cannot read). */
export function reach(t: Truth, u: Person, rec: Rec, p: Path): Rec | null {
  let cur: Rec | undefined = rec;
  for (let i = 0; i < p.hops.length; i++) {
    const id = cur.v[p.hops[i]]?.id;
    if (id === undefined || id === null) return null;
    cur = t.rec(p.objs[i + 1], id);
    if (!cur || cur.deleted || !t.may(u, cur.obj, cur.id)) return null;
  }
  return cur;
}

/** The value `u` sees at the end of the path (relations as `{ id, label }` or restricted). */
export function seenValue(t: Truth, u: Person, rec: Rec, p: Path): string | number | Ref | null {
  const end = reach(t, u, rec, p);
  if (!end) return null;
  const v = end.v[p.leaf];
  if (v === null || v === undefined || v === '') return null;
  if (p.kind === 'ref') return t.seenRef(u, relations[lastObj(p)][p.leaf], Number(v.id));
  return v;
}

export interface Leaf {
  path: Path;
  op: string;
  value?: unknown;
}
export type FNode = { leaf: Leaf } | { not: FNode } | { and: FNode[] } | { or: FNode[] };

/**
 * Values of the field at the end of the path, over every record of that object — half of the time those of
 * records `u` cannot read (the attack: does a filter match because of an unreadable record's value?).
 */
function values(t: Truth, p: Path, u?: Person): fc.Arbitrary<unknown> {
  const o = lastObj(p);
  const of = (recs: Rec[]) =>
    recs
      .map((r) => (p.kind === 'ref' ? r.v[p.leaf]?.id : p.leaf === 'id' ? r.id : r.v[p.leaf]))
      .filter((v) => v !== null && v !== undefined && v !== '');
  if (p.kind === 'links') {
    // Ids of the linked object's records (readable or not).
    const ids = [...t.w.records.contact.values()].map((r) => r.id);
    return fc.constantFrom(...ids);
  }
  const all = of([...t.w.records[o].values()]);
  const hidden = u ? of([...t.w.records[o].values()].filter((r) => !t.may(u, o, r.id))) : [];
  const any = fc.constantFrom(...(all.length ? all : [1]));
  return hidden.length ? fc.oneof(any, fc.constantFrom(...hidden)) : any;
}

function opArb(t: Truth, p: Path, u?: Person): fc.Arbitrary<{ op: string; value?: unknown }> {
  const v = values(t, p, u);
  const empty = fc.constantFrom({ op: 'isEmpty' }, { op: 'isNotEmpty' });
  const eq = v.map((value) => ({ op: 'eq', value }));
  const ne = v.map((value) => ({ op: 'ne', value }));
  const some = fc.uniqueArray(v, { minLength: 1, maxLength: 3 }).map((value) => ({ op: 'in', value }));
  switch (p.kind) {
    case 'text':
    case 'long':
      return fc.oneof(
        eq,
        ne,
        empty,
        v.map((s) => ({ op: 'contains', value: String(s).slice(1, 4) })),
        v.map((s) => ({ op: 'startsWith', value: String(s).slice(0, 4) })),
        v.map((s) => ({ op: 'gt', value: String(s) })),
      );
    case 'email':
      return fc.oneof(
        eq,
        ne,
        empty,
        v.map((s) => ({ op: 'contains', value: String(s).slice(1, 5) })),
      );
    case 'phone':
      return fc.oneof(
        eq,
        ne,
        empty,
        v.map((s) => ({ op: 'contains', value: String(s).slice(-6) })),
      );
    case 'money':
      return fc.oneof(
        eq,
        v.map((value) => ({ op: 'gt', value })),
        v.map((value) => ({ op: 'lte', value })),
        empty,
      );
    case 'pick':
      return fc.oneof(eq, ne, some, empty);
    case 'id':
      return fc.oneof(
        eq,
        some,
        v.map((value) => ({ op: 'gt', value })),
      );
    case 'ref':
      return fc.oneof(eq, ne, some, empty);
    case 'links':
      return fc.oneof(
        some,
        some.map((x) => ({ ...x, op: 'notIn' })),
        empty,
      );
  }
}

/**
 * One of `paths`. Knowing the caller, mostly paths it may query through at least one hop (their answers are
 * compared with the truth), sometimes any path (refusals: hidden fields unknown, masked ones refused).
 */
export function pathArb(t: Truth, paths: Path[], u?: Person): fc.Arbitrary<Path> {
  const open = u ? paths.filter((p) => !pathError(t, u, p) && p.hops.length > 0) : [];
  return open.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...open) }, { weight: 1, arbitrary: fc.constantFrom(...paths) })
    : fc.constantFrom(...paths);
}

/** A condition on a path of 0–3 hops. */
export function leafArb(t: Truth, base: Obj, u?: Person, maxHops = 3): fc.Arbitrary<Leaf> {
  return pathArb(t, allPaths(base, maxHops), u).chain((path) => opArb(t, path, u).map((o) => ({ path, ...o })));
}

export function filterArb(t: Truth, base: Obj, u?: Person): fc.Arbitrary<FNode> {
  const leaf = leafArb(t, base, u).map((l) => ({ leaf: l }) as FNode);
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: leaf.map((l) => ({ not: l }) as FNode) },
    { weight: 2, arbitrary: fc.tuple(leaf, leaf).map((xs) => ({ and: xs }) as FNode) },
    { weight: 2, arbitrary: fc.tuple(leaf, leaf).map((xs) => ({ or: xs }) as FNode) },
  );
}

/** The filter as the API takes it. */
export function toFilter(n: FNode): Filter {
  if ('leaf' in n) {
    const c: Record<string, unknown> = { field: pathName(n.leaf.path), op: n.leaf.op };
    if ('value' in n.leaf) c.value = n.leaf.value;
    return c as Filter;
  }
  if ('not' in n) return { not: toFilter(n.not) };
  if ('and' in n) return { and: n.and.map(toFilter) };
  return { or: n.or.map(toFilter) };
}

/** The first refusal met while compiling the filter (conditions in order). */
export function filterError(t: Truth, u: Person, n: FNode): string | undefined {
  if ('leaf' in n) return pathError(t, u, n.leaf.path);
  if ('not' in n) return filterError(t, u, n.not);
  for (const c of 'and' in n ? n.and : n.or) {
    const e = filterError(t, u, c);
    if (e) return e;
  }
  return undefined;
}

/**
 * The same filter for the administrator, with every hop limited to the records `u` may read (`hop.id in
 * [readable ids]`): many-to-one links are functions, so the conjunction means "this same linked record is
 * readable and matches". Run by the administrator, it gives the records `u` must match, by the engine's own
 * operator semantics but without `u`'s scope.
 */
export function asSeenBy(t: Truth, u: Person, n: FNode): Filter {
  if ('not' in n) return { not: asSeenBy(t, u, n.not) };
  if ('and' in n) return { and: n.and.map((c) => asSeenBy(t, u, c)) };
  if ('or' in n) return { or: n.or.map((c) => asSeenBy(t, u, c)) };
  const p = n.leaf.path;
  const parts: Filter[] = [];
  for (let i = 1; i <= p.hops.length; i++) {
    const ids = [...t.w.records[p.objs[i]].values()].filter((r) => t.may(u, r.obj, r.id)).map((r) => r.id);
    parts.push(ids.length ? { field: `${p.hops.slice(0, i).join('.')}.id`, op: 'in', value: ids } : { or: [] });
  }
  return { and: [...parts, toFilter(n)] };
}
