import type { ApiClient } from '../../test/api-client.ts';
import { note } from './access-property-calls.ts';
import type { writableRefs } from './access-property-schema.ts';
import type { Truth } from './access-property-truth.ts';
import type { Person } from './access-property-world.ts';
import { csvOf, finished, upload } from './transfer-test-kit.ts';

/**
 * Writes with references (SEC-2): a reference to a record the writer cannot read is refused exactly like a
 * missing one (400, field problem `notFound`), through every write path — create, update, bulk update and
 * import (by title or by id) — and no answer carries the unreadable record's title.
 */

export type WriteSpec = (typeof writableRefs)[number];
export interface WriteCase {
  u: Person;
  spec: WriteSpec;
  n: number;
  mine: boolean;
  m: number;
  mode: 'create' | 'patch' | 'bulk';
}

let fresh = 0;

/** The request of a write case: create a record, or update (one by one or in bulk) one `u` may edit. */
function writeRequest(t: Truth, c: WriteCase, value: unknown) {
  const { u, spec } = c;
  if (c.mode === 'create') {
    const body: Record<string, unknown> = { name: `NEW${++fresh}X`, [spec.field]: value };
    // Contacts and opportunities need a customer: a readable one when the reference under test is another.
    if (spec.field !== 'customer' && spec.object !== 'pWidget') {
      const customer = t.live('customer').find((r) => t.readable(u, 'customer', r.id));
      if (!customer) return null;
      body.customer = customer.id;
    }
    const scopeOk = t.scope(u, spec.object, 'create') !== 'none';
    return { method: 'POST' as const, path: `/api/objects/${spec.object}`, body, fields: Object.keys(body), scopeOk };
  }
  // Without read and update scopes, an edit share does not open a record for writing (stricter, not a leak).
  const scoped = t.scope(u, spec.object, 'read') !== 'none' || t.scope(u, spec.object, 'update') !== 'none';
  const mine = t
    .live(spec.object)
    .filter((r) => scoped && t.readable(u, spec.object, r.id) && t.may(u, spec.object, r.id, 'update'));
  if (mine.length === 0) return null;
  const id = mine[c.m % mine.length].id;
  const values = { [spec.field]: value };
  return c.mode === 'patch'
    ? {
        method: 'PATCH' as const,
        path: `/api/objects/${spec.object}/${id}`,
        body: values,
        fields: [spec.field],
        scopeOk: true,
      }
    : {
        method: 'POST' as const,
        path: `/api/objects/${spec.object}/bulk-update`,
        body: { ids: [id], values },
        fields: [spec.field],
        scopeOk: true,
      };
}

/** The problems of one write case, or null when the case does not apply (nothing `u` could write to). */
export async function writeProblems(t: Truth, c: WriteCase): Promise<{ problems: string[]; what: unknown } | null> {
  const { u, spec } = c;
  const target = t.pick(u, spec.target, c.n, c.mine);
  const ok = t.readable(u, spec.target, target.id);
  const req = writeRequest(t, c, spec.many ? [target.id] : target.id);
  if (!req) return null;
  const r = await u.api.request(req.method, req.path, req.body);
  const what = { user: u.username, method: req.method, path: req.path, body: req.body, targetReadable: ok };
  const problems = t.leaks(u, r.body, JSON.stringify(req.body));
  const success = c.mode === 'create' ? 201 : 200;
  const allowed = req.scopeOk && req.fields.every((f) => t.editable(u, spec.object, f));
  const problem = r.body?.error?.fields?.[spec.field];
  note(
    `write: ${c.mode} ${allowed ? (ok ? 'to a readable record' : 'to an unreadable record') : 'not allowed'} → ${r.status}`,
  );
  if (!allowed) {
    if (r.status < 400) problems.push(`status ${r.status}: a write that may not be made went through`);
  } else if (ok) {
    // A readable target: the write goes through (a contact reporting to itself or in a cycle is the hook's refusal;
    // a target that does not belong to the chosen parent is the declared dependency's).
    const hookRefusal =
      problem === 'notOfParent' || (spec.field === 'reportsTo' && (problem === 'cycle' || problem === 'format'));
    if (r.status !== success && !hookRefusal) problems.push(`status ${r.status}: ${JSON.stringify(r.body)}`);
  } else if (r.status !== 400 || r.body?.error?.code !== 'VALIDATION_FAILED' || problem !== 'notFound') {
    problems.push(`status ${r.status} ${JSON.stringify(r.body).slice(0, 300)}, expected 400 ${spec.field}: notFound`);
  }
  if (r.status === success && c.mode !== 'bulk') problems.push(...t.recordProblems(u, spec.object, r.body.data));
  return { problems, what };
}

export interface ImportCase {
  u: Person;
  n: number;
  m: number;
  mine: boolean;
  by: 'title' | 'id';
  /** Match rows on an existing widget's name or phone (policy skip), or create every row. */
  matchOn: 'name' | 'phone' | null;
}

/**
 * A dry-run import of one widget row naming a customer (by title or id), optionally matched on the name or
 * phone of an existing widget: a customer `u` cannot read, or whose title it may not see, is not found; an
 * existing widget is matched only when `u` may read it and sees the matched field in the clear (a match is a
 * filter: it would reveal that the record exists, or recover a masked phone number).
 */
export async function importProblems(t: Truth, c: ImportCase): Promise<{ problems: string[]; what: unknown }> {
  const { u, matchOn } = c;
  const target = t.pick(u, 'customer', c.n, c.mine);
  const widgets = [...t.w.records.pWidget.values()].filter((x) => !matchOn || x.v[matchOn]);
  const existing = widgets[c.m % widgets.length];
  const row = {
    name: matchOn === 'name' ? existing.v.name : `IMP${++fresh}X`,
    customer: c.by === 'title' ? target.v.name : String(target.id),
    ...(matchOn === 'phone' ? { phone: existing.v.phone } : {}),
  };
  const options = {
    mapping: Object.fromEntries(Object.keys(row).map((f) => [f, f])),
    dryRun: true,
    mode: 'validRows',
    ...(matchOn ? { duplicates: { matchOn, policy: 'skip' } } : {}),
  };
  const csv = csvOf([Object.keys(row), Object.values(row)]);
  const r = await upload(u.api as ApiClient, '/api/objects/pWidget/import', csv, 'w.csv', options);
  const what = { user: u.username, csv, options };
  const problems = t.leaks(u, r.body, csv);
  if (t.scope(u, 'pWidget', 'import') === 'none') {
    note('import: no import right');
    if (r.status !== 403) problems.push(`status ${r.status}, expected 403`);
    return { problems, what };
  }
  // Imported rows are created: the create right too, and fields the caller may write.
  const writable =
    t.scope(u, 'pWidget', 'create') !== 'none' &&
    t.editable(u, 'pWidget', 'name') &&
    t.editable(u, 'pWidget', 'customer');
  const matchable = !matchOn || t.sight(u, 'pWidget', matchOn) === 'plain';
  if (r.status !== 202) {
    note(`import: refused ${r.status} ${r.body?.error?.code} ${JSON.stringify(r.body?.error?.fields ?? {})}`);
    if (writable && matchable) problems.push(`status ${r.status}: ${JSON.stringify(r.body)}`);
    return { problems, what };
  }
  const job = await finished(u.api, r.body.data.id);
  problems.push(...t.leaks(u, job, csv));
  const matched = !!matchOn && matchable && t.readable(u, 'pWidget', existing.id);
  const titleSeen = c.by === 'id' || t.sight(u, 'customer', 'name') === 'plain';
  const found = t.readable(u, 'customer', target.id) && titleSeen;
  note(
    `import: ${matchOn ? (matched ? 'matched' : 'not matched') : 'no matching'}, customer ${found ? 'found' : 'not found'}`,
  );
  if (job.skipped && !matched) {
    const why = t.readable(u, 'pWidget', existing.id)
      ? `sees its ${matchOn} ${t.sight(u, 'pWidget', matchOn!)}`
      : 'may not read it';
    problems.push(`row matched widget ${existing.id}, but ${u.username} ${why}`);
  }
  const customer = `customer ${target.id} ${t.readable(u, 'customer', target.id) ? `readable, its title ${t.sight(u, 'customer', 'name')}` : 'not readable'}`;
  if (job.created && !(writable && found && !matched)) problems.push(`row created, naming ${customer} by ${c.by}`);
  if (writable && matchable) {
    // Names are resolved before rows are matched (a name not found fails the row); ids are checked on writing.
    const want =
      c.by === 'title' && !found
        ? { created: 0, skipped: 0, failed: 1 }
        : matched
          ? { created: 0, skipped: 1, failed: 0 }
          : found
            ? { created: 1, skipped: 0, failed: 0 }
            : { created: 0, skipped: 0, failed: 1 };
    const got = { created: job.created, skipped: job.skipped, failed: job.failed };
    if (JSON.stringify(got) !== JSON.stringify(want))
      problems.push(
        `import ${JSON.stringify(got)} ${JSON.stringify(job.errors)}, expected ${JSON.stringify(want)} (${customer})`,
      );
    else if (want.failed && job.errors[0]?.code !== 'notFound') problems.push(`error ${JSON.stringify(job.errors)}`);
  }
  return { problems, what };
}
