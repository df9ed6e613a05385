import { note } from './access-property-calls.ts';
import type { BusinessObj, Obj } from './access-property-schema.ts';
import type { Outcome, Suite } from './access-property-suite.ts';
import type { Person } from './access-property-world.ts';

/**
 * Per-record read paths beside the record itself (SEC-4, SEC-14): the audited reveal of a masked value, and
 * the list of a record's shares. Both must show nothing of records the caller cannot read (the title of a
 * linked record, the name of a person or department shared with).
 */

/** `POST …/reveal { field }`: the value of a field of a readable record, links shown as the caller sees them. */
export async function revealCase(s: Suite, u: Person, obj: Obj, n: number, mine: boolean, k: number): Promise<Outcome> {
  const { t } = s;
  const rec = t.pick(u, obj, n, mine);
  const fields = [...t.w.meta.get(obj)!.keys()];
  const field = fields[k % fields.length];
  const f = t.w.meta.get(obj)!.get(field)!;
  const path = `/api/objects/${obj}/${rec.id}/reveal`;
  const r = await u.api.post(path, { field });
  const sight = t.sight(u, obj, field);
  const want = f.type === 'password' || sight === 'hidden' ? 400 : t.readable(u, obj, rec.id) ? 200 : 404;
  note(`reveal: ${want} ${sight}`);
  // Without any read scope, a record shared with the caller opens by id but is not revealed: stricter, not a leak.
  const alsoOk = want === 200 && t.scope(u, obj, 'read') === 'none' ? 404 : want;
  // The point of a reveal: the full value of a masked field of a readable record (audited).
  const shown = t.w.markers.filter((m) => m.obj === obj && m.id === rec.id && m.field === field && sight === 'masked');
  const problems = t.leaks(u, r.body, shown.map((m) => m.text).join(' '));
  if (r.status !== want && r.status !== alsoOk) problems.push(`status ${r.status}, expected ${want}`);
  const v = r.body?.data?.value;
  const target = f.type === 'owner' ? 'user' : f.object;
  if (r.status === 200 && target && v) {
    for (const ref of Array.isArray(v) ? v : [v]) {
      const seen = t.seenRef(u, target, Number(ref.id));
      if (JSON.stringify(ref) !== JSON.stringify(seen))
        problems.push(`${field}: ${JSON.stringify(ref)}, expected ${JSON.stringify(seen)}`);
    }
  }
  return { what: { user: u.username, path, field }, problems };
}

/** `GET …/shares`: who a readable record is shared with, as far as the caller may read those users and departments. */
export async function sharesCase(s: Suite, u: Person, obj: BusinessObj, n: number, mine: boolean): Promise<Outcome> {
  const { t } = s;
  const rec = t.pick(u, obj, n, mine);
  const path = `/api/objects/${obj}/${rec.id}/shares`;
  const r = await u.api.get(path);
  // Shares of a record in the recycle bin are listed to whom may read it; without any read scope a record shared
  // with the caller may not list its shares (stricter than opening it, not a leak).
  const want = t.may(u, obj, rec.id) ? 200 : 404;
  const alsoOk = want === 200 && t.scope(u, obj, 'read') === 'none' ? 404 : want;
  const problems = t.leaks(u, r.body);
  if (r.status !== want && r.status !== alsoOk) problems.push(`status ${r.status}, expected ${want}`);
  for (const sh of r.status === 200 ? r.body.data : []) {
    for (const [key, target] of [
      ['user', 'user'],
      ['department', 'department'],
    ] as const) {
      if (!sh[key]) continue;
      const seen = t.seenRef(u, target, Number(sh[key].id));
      if (JSON.stringify(sh[key]) !== JSON.stringify(seen))
        problems.push(`share ${sh.id} ${key}: ${JSON.stringify(sh[key])}, expected ${JSON.stringify(seen)}`);
    }
  }
  note(`shares: ${r.status === 200 ? `${r.body.data.length} shares` : r.status}`);
  return { what: { user: u.username, path }, problems };
}
