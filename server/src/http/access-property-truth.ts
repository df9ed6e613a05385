import type { Operation, Scope } from '@kehu/common';
import { maskValue } from '../engine/access/mask.ts';
import { type Obj, objects } from './access-property-schema.ts';
import type { Marker, Person, Rec, World } from './access-property-world.ts';

export type Sight = 'hidden' | 'masked' | 'plain';
export type Ref = { id: number; label: string | null; restricted?: true };

const modeled = new Set<string>(objects);
const shareLevels: Partial<Record<Operation, string[]>> = { read: ['read', 'edit'], update: ['edit'] };

/**
 * The ground truth of the access attack suite, computed from the world and the role definitions alone (never
 * from the engine's answers): who may read which record, how each field shows, and which distinctive values
 * must therefore never appear in a response to a given user.
 */
export class Truth {
  private readonly ownerSets = new Map<string, Set<number> | null>();
  private readonly forbiddenOf = new Map<number, Marker[]>();

  constructor(readonly w: World) {}

  rec(obj: string, id: number): Rec | undefined {
    return modeled.has(obj) ? this.w.records[obj as Obj].get(id) : undefined;
  }

  /** Live records of an object (not in the recycle bin). */
  live(obj: Obj): Rec[] {
    return [...this.w.records[obj].values()].filter((r) => !r.deleted);
  }

  /** The n-th record of `obj` (live or deleted) — among those `u` may read when `mine` (and there are some). */
  pick(u: Person, obj: Obj, n: number, mine: boolean): Rec {
    const all = [...this.w.records[obj].values()];
    const readable = all.filter((r) => this.may(u, obj, r.id));
    const recs = mine && readable.length ? readable : all;
    return recs[n % recs.length];
  }

  scope(u: Person, obj: string, op: Operation): Scope {
    return (u.role.grants[obj]?.[op] as Scope | undefined) ?? 'none';
  }

  private users(): Array<{ id: number; dept: number | null; manager: number | null }> {
    return this.live('user').map((r) => ({
      id: r.id,
      dept: r.v.department?.id ?? null,
      manager: r.v.manager?.id ?? null,
    }));
  }

  private subtree(dept: number): Set<number> {
    const out = new Set([dept]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of this.live('department')) {
        const p = d.v.parent?.id;
        if (p !== undefined && out.has(p) && !out.has(d.id)) {
          out.add(d.id);
          grew = true;
        }
      }
    }
    return out;
  }

  /** Department and its ancestors (a department share reaches the department's subtree). */
  private ancestors(dept: number | null): Set<number> {
    const out = new Set<number>();
    let d = dept;
    while (d !== null && !out.has(d)) {
      out.add(d);
      d = this.w.records.department.get(d)?.v.parent?.id ?? null;
    }
    return out;
  }

  /** The users whose records a scope covers, seen from `u` (null: everyone). */
  owners(u: Person, scope: Scope): Set<number> | null {
    const key = `${u.id}:${scope}`;
    if (this.ownerSets.has(key)) return this.ownerSets.get(key)!;
    const users = this.users();
    let out: Set<number> | null = new Set([u.id]);
    if (scope === 'none') out = new Set();
    else if (scope === 'all') out = null;
    else if (scope === 'subordinates') {
      for (let grew = true; grew; ) {
        grew = false;
        for (const x of users)
          if (x.manager !== null && out.has(x.manager) && !out.has(x.id)) {
            out.add(x.id);
            grew = true;
          }
      }
    } else if ((scope === 'department' || scope === 'departmentTree') && u.dept !== null) {
      const depts = scope === 'department' ? new Set([u.dept]) : this.subtree(u.dept);
      for (const x of users) if (x.dept !== null && depts.has(x.dept)) out.add(x.id);
    }
    this.ownerSets.set(key, out);
    return out;
  }

  /** The owner that scopes look at: the owner field, the user itself, or the creator. */
  ownerOf(r: Rec): number | null {
    if (r.obj === 'user') return r.id;
    if (r.obj === 'department') return r.v.createdBy?.id ?? null;
    return r.v.owner?.id ?? null;
  }

  shared(u: Person, obj: string, id: number, op: Operation): boolean {
    const levels = shareLevels[op];
    if (!levels) return false;
    const mine = this.ancestors(u.dept);
    return this.w.shares.some(
      (s) =>
        s.object === obj &&
        s.recordId === id &&
        levels.includes(s.level) &&
        (s.userId === u.id || (s.departmentId !== null && mine.has(s.departmentId))),
    );
  }

  /** May `u` do `op` on the record (live or deleted)? Objects outside the world are never granted. */
  may(u: Person, obj: string, id: number, op: Operation = 'read'): boolean {
    const r = this.rec(obj, id);
    if (!r) return false;
    const owners = this.owners(u, this.scope(u, obj, op));
    const owner = this.ownerOf(r);
    const covered = owners === null || (owner !== null && owners.has(owner));
    return covered || this.shared(u, obj, id, op);
  }

  /** A live record `u` may read. */
  readable(u: Person, obj: string, id: number): boolean {
    const r = this.rec(obj, id);
    return !!r && !r.deleted && this.may(u, obj, id, 'read');
  }

  /** May `u` write the field (neither hidden, masked nor read-only)? */
  editable(u: Person, obj: string, field: string): boolean {
    const right = u.role.fieldRights[obj]?.[field];
    return !right || right === 'editable';
  }

  sight(u: Person, obj: string, field: string): Sight {
    if (field === 'password') return 'hidden';
    const right = u.role.fieldRights[obj]?.[field];
    return right === 'hidden' ? 'hidden' : right === 'masked' ? 'masked' : 'plain';
  }

  /** A reference to `target` record `id` as `u` must see it: its title as `u` sees it, or restricted. */
  seenRef(u: Person, target: string, id: number): Ref {
    const r = this.rec(target, id);
    if (!r || !this.may(u, target, id, 'read')) return { id, label: null, restricted: true };
    const s = this.sight(u, target, 'name');
    if (s === 'hidden') return { id, label: null, restricted: true };
    const title = r.v.name ?? null;
    return { id, label: s === 'masked' ? (maskValue(title) as string) : title };
  }

  /** Distinctive values `u` must never receive: of records it cannot read, and of fields hidden or masked. */
  forbidden(u: Person): Marker[] {
    let out = this.forbiddenOf.get(u.id);
    if (!out) {
      out = this.w.markers.filter(
        (m) => !modeled.has(m.obj) || !this.may(u, m.obj, m.id, 'read') || this.sight(u, m.obj, m.field) !== 'plain',
      );
      this.forbiddenOf.set(u.id, out);
    }
    return out;
  }

  /**
   * Forbidden values found in a response (text or JSON, paging cursors decoded), except those the request
   * itself carried (a filter value is the caller's own text).
   */
  leaks(u: Person, body: unknown, request = ''): string[] {
    const raw = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    const cursors = [...raw.matchAll(/"nextCursor":"([A-Za-z0-9_-]+)"/g)].map((m) =>
      Buffer.from(m[1], 'base64url').toString('utf8'),
    );
    const text = [raw, ...cursors].join('\n').toLowerCase();
    const asked = request.toLowerCase();
    return this.forbidden(u)
      .filter((m) => text.includes(m.text) && !asked.includes(m.text))
      .map((m) => {
        const why = this.may(u, m.obj, m.id) ? this.sight(u, m.obj, m.field) : 'unreadable';
        return `${m.text} (${m.obj} ${m.id} ${m.field}, ${why}) at ${whereIn(body, m.text) ?? 'cursor'}`;
      });
  }

  /**
   * What is wrong with one record of `obj` as returned to `u`: a hidden field present, a masked value in clear,
   * a reference that shows more (or less) than `seenRef`.
   */
  recordProblems(u: Person, obj: Obj, got: Record<string, any>): string[] {
    const problems: string[] = [];
    const meta = this.w.meta.get(obj)!;
    const admin = this.rec(obj, got.id)?.v ?? {};
    for (const [name, f] of meta) {
      const s = this.sight(u, obj, name);
      if (s === 'hidden') {
        if (name in got) problems.push(`${obj} ${got.id}: hidden field ${name} returned`);
        continue;
      }
      const v = got[name];
      if (v === undefined || v === null) continue;
      if (s === 'masked' && typeof v === 'string' && v === admin[name])
        problems.push(`${obj} ${got.id}: ${name} in clear`);
      const target = f.type === 'owner' ? 'user' : f.object;
      if ((f.type === 'manyToOne' || f.type === 'owner') && target) {
        const want = this.seenRef(u, target, Number(v.id));
        if (JSON.stringify(v) !== JSON.stringify(want))
          problems.push(`${obj} ${got.id}.${name}: ${JSON.stringify(v)}, expected ${JSON.stringify(want)}`);
      }
      if (f.type === 'manyToMany' && target && Array.isArray(v)) {
        for (const item of v) {
          const want = this.seenRef(u, target, Number(item.id));
          if (JSON.stringify(item) !== JSON.stringify(want))
            problems.push(`${obj} ${got.id}.${name}[]: ${JSON.stringify(item)}, expected ${JSON.stringify(want)}`);
        }
      }
    }
    return problems;
  }
}

/** The JSON path of the first string in `body` that contains `text` (lower-cased), for the report. */
function whereIn(body: unknown, text: string, path = '$'): string | undefined {
  if (typeof body === 'string') return body.toLowerCase().includes(text) ? path : undefined;
  if (!body || typeof body !== 'object') return undefined;
  for (const [k, v] of Object.entries(body)) {
    const hit = whereIn(v, text, Array.isArray(body) ? `${path}[${k}]` : `${path}.${k}`);
    if (hit) return hit;
  }
  return undefined;
}
