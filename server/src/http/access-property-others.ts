import type { SseClient } from '../../test/sse-client.ts';
import { runAlert } from '../modules/notify/alerts.job.ts';
import { codeOf, note, qs } from './access-property-calls.ts';
import { exportSheet } from './access-property-export.ts';
import { type FNode, filterError, toFilter } from './access-property-paths.ts';
import { type BusinessObj, type Obj, objects } from './access-property-schema.ts';
import { searchProblems } from './access-property-search.ts';
import { mustMatch, type Outcome, refusals, type Suite } from './access-property-suite.ts';
import type { Person } from './access-property-world.ts';

/** Search, export and alerts (pushed over SSE) of the attack suite (SEC-2, SEC-3, SEC-14). */

const modeled = new Set<string>(objects);

/** Global search, or the quick search of one object's list (with its count). */
export async function searchCase(s: Suite, u: Person, q: string, obj: Obj | 'global'): Promise<Outcome> {
  const { t } = s;
  const path =
    obj === 'global'
      ? `/api/search${qs({ q, limit: '20' })}`
      : `/api/objects/${obj}${qs({ q, count: 'true', limit: '500' })}`;
  const r = await u.api.get(path);
  const problems = t.leaks(u, r.body, q);
  const what = { user: u.username, path };
  if (obj !== 'global') {
    const want = t.scope(u, obj, 'read') === 'none' ? 403 : 200;
    if (r.status !== want) problems.push(`status ${r.status}, expected ${want}`);
    if (r.status === 200)
      problems.push(
        ...searchProblems(
          t,
          u,
          obj,
          q,
          r.body.data.map((x: any) => x.id),
          r.body.total,
        ),
      );
    return { what, problems };
  }
  if (r.status !== 200) return { what, problems: [...problems, `status ${r.status}`] };
  const groups = new Map<string, number[]>(r.body.data.map((g: any) => [g.object, g.records.map((x: any) => x.id)]));
  for (const o of objects) {
    const ids = groups.get(o) ?? [];
    if (ids.length && t.scope(u, o, 'read') === 'none') problems.push(`${o} searched without the read right`);
    if (t.scope(u, o, 'read') !== 'none') problems.push(...searchProblems(t, u, o, q, ids));
  }
  for (const g of groups.keys()) if (!modeled.has(g) && g !== 'alertRule') problems.push(`unexpected object ${g}`);
  return { what, problems };
}

/** An export (csv or xlsx): the export scope's matches, nothing else, no hidden or unreadable value. */
export async function exportCase(
  s: Suite,
  c: { u: Person; base: BusinessObj; format: 'csv' | 'xlsx'; filter: FNode | null },
): Promise<Outcome> {
  const { t } = s;
  const { u, base, format, filter } = c;
  const f = filter ? toFilter(filter) : undefined;
  const path = `/api/objects/${base}/export${qs({ format, filter: f })}`;
  const sheet = await exportSheet(u.api, path, format);
  const what = { user: u.username, path: decodeURIComponent(path) };
  const problems = t.leaks(u, sheet.status === 200 ? sheet.text : sheet.error, JSON.stringify(f ?? ''));
  const refused = refusals(s, u, base, 'export', filter && filterError(t, u, filter));
  note(`export: ${refused.size ? `refused ${[...refused]}` : 'answered'}`);
  if (refused.size) {
    if (!refused.has(codeOf(sheet.error) ?? 'ok')) problems.push(`${sheet.status}, expected ${[...refused]}`);
    return { what, problems };
  }
  const must = await mustMatch(s, u, base, filter);
  if (must === null || sheet.status !== 200) {
    if (sheet.status < 400 || must !== null) problems.push(`status ${sheet.status}: ${JSON.stringify(sheet.error)}`);
    return { what, problems };
  }
  // The export scope (shares open reading and editing, not exporting), within what the caller may read.
  const want = [...must.ids].filter((id) => t.may(u, base, id, 'export'));
  if (sheet.rows.length !== want.length) problems.push(`${sheet.rows.length} rows, expected ${want.length} (${want})`);
  // No column of a hidden field (its label, unless a visible field has the same one).
  const meta = t.w.meta.get(base)!;
  const visibleLabels = new Set([...meta].filter(([f]) => t.sight(u, base, f) !== 'hidden').map(([, m]) => m.label));
  for (const [f, m] of meta)
    if (t.sight(u, base, f) === 'hidden' && !visibleLabels.has(m.label) && sheet.header.includes(m.label))
      problems.push(`column of hidden field ${f} (${m.label}) exported`);
  if (t.sight(u, base, 'name') === 'plain')
    for (const id of want) {
      const name = t.rec(base, id)!.v.name;
      if (!sheet.rows.some((row) => row.includes(name))) problems.push(`${base} ${id} (${name}) not exported`);
    }
  return { what, problems };
}

let alerts = 0;

/**
 * An alert rule (TEAM-5) counts its filter's matches as its owner; the count reaches them live over SSE
 * (NOTIF-1): it must be the count of records the owner may read, never more (an inferable count).
 */
export async function alertCase(
  s: Suite,
  streams: Map<number, SseClient>,
  c: { u: Person; base: BusinessObj; filter: FNode | null },
): Promise<Outcome> {
  const { t, k } = s;
  const { u, base, filter } = c;
  const body = { name: `ALERT${++alerts}X`, object: base, filter: filter ? toFilter(filter) : null, schedule: 'daily' };
  const r = await u.api.post('/api/objects/alertRule', body);
  const what = { user: u.username, rule: body };
  const problems = t.leaks(u, r.body, JSON.stringify(body));
  const bad = t.scope(u, base, 'read') === 'none' ? 'object' : filter && filterError(t, u, filter) ? 'filter' : null;
  if (bad) {
    if (r.status !== 400 || !r.body?.error?.fields?.[bad])
      problems.push(`${r.status} ${JSON.stringify(r.body)}, expected 400 ${bad}`);
    return { what, problems };
  }
  const must = await mustMatch(s, u, base, filter);
  if (must === null || r.status !== 201) {
    if (r.status === 201 || must !== null) problems.push(`status ${r.status}: ${JSON.stringify(r.body)}`);
    return { what, problems };
  }
  const id = r.body.data.id as number;
  note(`alert: ${must.ids.size ? 'matches' : 'no match'}`);
  await runAlert(k.kehu.engine, id, new Date().toISOString());
  const rule = await u.api.get(`/api/objects/alertRule/${id}`);
  problems.push(...t.leaks(u, rule.body, JSON.stringify(body)));
  if (rule.body.data?.lastCount !== must.ids.size)
    problems.push(`lastCount ${rule.body.data?.lastCount}, expected ${must.ids.size}`);
  if (must.ids.size > 0) {
    const e = await streams.get(u.id)!.next((x) => x.event === 'notification' && x.data.link?.id === id, 10_000);
    problems.push(...t.leaks(u, e.data));
    const n = Number(/(\d+)/.exec(String(e.data.body))?.[1]);
    if (n !== must.ids.size) problems.push(`notification "${e.data.body}", expected ${must.ids.size}`);
  }
  return { what, problems };
}
