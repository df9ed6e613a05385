import { note } from './access-property-calls.ts';
import type { Obj } from './access-property-schema.ts';
import type { Truth } from './access-property-truth.ts';
import type { Person, Rec } from './access-property-world.ts';

/**
 * Quick and global search as the ground truth has it (SEC-2, SEC-3, SEC-14): a record is found by an exact hit
 * only through a search field `u` sees in the clear, or through a readable related record (a customer's
 * contacts); and only among records `u` may read. Queries are markers (six letters and digits) or phone
 * numbers, for which "exact" means "contained in the text" (fuzzy fields) or "equal" (exact fields).
 */

const e164 = (q: string) => (/^1\d{10}$/.test(q) ? `+86${q}` : q);

function fieldHit(kind: 'fuzzy' | 'exact', type: string, value: unknown, q: string): boolean {
  if (typeof value !== 'string' || value === '') return false;
  if (kind === 'exact')
    return type === 'phone' ? value === e164(q) : [q, q.toUpperCase(), q.toLowerCase()].includes(value);
  return value.toLowerCase().includes(q.toLowerCase());
}

/** Does `u` find `r` by an exact hit for `q` (its own fields, or its readable related records one level down)? */
export function exactHit(t: Truth, u: Person, r: Rec, q: string, depth = 0): boolean {
  for (const [name, f] of t.w.meta.get(r.obj)!) {
    if (!f.search || t.sight(u, r.obj, name) !== 'plain') continue;
    if (f.type !== 'oneToMany') {
      if (fieldHit(f.search, f.type, r.v[name], q)) return true;
      continue;
    }
    const child = f.object as Obj;
    const back = childBackField(t, r.obj, name);
    if (depth >= 1 || f.search !== 'fuzzy' || q.length < 2 || !back || !t.w.records[child]) continue;
    if (t.scope(u, child, 'read') === 'none') continue;
    for (const c of t.live(child))
      if (c.v[back]?.id === r.id && t.readable(u, child, c.id) && exactHit(t, u, c, q, depth + 1)) return true;
  }
  return false;
}

const backFields: Record<string, string> = {
  'customer.contacts': 'customer',
  'customer.subsidiaries': 'parent',
  'customer.widgets': 'customer',
  'contact.reports': 'reportsTo',
};
const childBackField = (_t: Truth, obj: string, field: string) => backFields[`${obj}.${field}`];

/** Does the value occur in the record or its related records, whatever the caller's rights? */
export function holds(t: Truth, r: Rec, q: string): boolean {
  const own = Object.values(r.v).some(
    (v) => typeof v === 'string' && (v === e164(q) || v.toLowerCase().includes(q.toLowerCase())),
  );
  if (own) return true;
  return Object.entries(backFields).some(([key, back]) => {
    const [parent, field] = key.split('.');
    if (parent !== r.obj) return false;
    const child = t.w.meta.get(parent)?.get(field)?.object as Obj | undefined;
    return !!child && t.live(child).some((c) => c.v[back]?.id === r.id && holds(t, { ...c, obj: child }, q));
  });
}

/**
 * A query worth attacking with: the name or the phone number of a record — one `u` may read (`mine`, to see it
 * found) or any (to see that an unreadable one is not).
 */
export function searchQuery(t: Truth, u: Person, obj: Obj, n: number, kind: 'name' | 'phone', mine: boolean): string {
  const all = [...t.w.records[obj].values()];
  const readable = all.filter((r) => t.readable(u, obj, r.id));
  const recs = mine && readable.length ? readable : all;
  const r = recs[n % recs.length];
  const phone = (r.v.phone ?? r.v.mobile) as string | null | undefined;
  return kind === 'phone' && phone ? phone.replace(/^\+86/, '') : String(r.v.name);
}

/**
 * The problems of one object's search results for `u`: records it cannot read; when something matches exactly,
 * anything but exactly those records (the count included); otherwise a record that holds the value only where
 * `u` may not look (a hidden or masked field, an unreadable contact).
 */
export function searchProblems(t: Truth, u: Person, obj: Obj, q: string, ids: number[], total?: number): string[] {
  const problems: string[] = [];
  for (const id of ids) if (!t.readable(u, obj, id)) problems.push(`${obj} ${id} found but not readable`);
  const legit = t.live(obj).filter((r) => t.readable(u, obj, r.id) && exactHit(t, u, r, q));
  note(`search: ${legit.length ? 'exact hits' : 'no exact hit'}${ids.length ? '' : ', nothing found'}`);
  if (legit.length) {
    const want = legit.map((r) => r.id).sort((a, b) => a - b);
    const got = [...ids].sort((a, b) => a - b);
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${obj}: found ${got}, expected ${want}`);
    if (total !== undefined && total !== want.length) problems.push(`${obj}: total ${total}, expected ${want.length}`);
  } else if (/^1\d{10}$/.test(q)) {
    for (const id of ids) {
      const r = t.rec(obj, id);
      if (r && holds(t, r, q)) problems.push(`${obj} ${id} found by a phone ${u.username} may not search`);
    }
  }
  return problems;
}
