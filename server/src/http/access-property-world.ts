import fc from 'fast-check';
import { expect } from 'vitest';
import type { ApiClient } from '../../test/api-client.ts';
import { type TestKehu, testPassword } from '../../test/harness.ts';
import { edits, records, share } from './access-property-data.ts';
import { edgeRole, marker, type Obj, objects, Rng, type RoleSpec, randomRole } from './access-property-schema.ts';

/**
 * One fixed world for the access attack suite, built through the API as the administrator: a department tree,
 * six users with random (seeded) roles and one with a fixed adversarial role (edgeRole), and records of every
 * object linked across owners, shared, edited (so that history holds old links and values) and deleted (the
 * recycle bin). Every text value is a distinctive marker, so that a leak is found by looking for it.
 */

export interface Person {
  id: number;
  username: string;
  dept: number | null;
  manager: number | null;
  role: RoleSpec;
  api: ApiClient;
}

export interface Share {
  object: string;
  recordId: number;
  userId: number | null;
  departmentId: number | null;
  level: 'read' | 'edit';
}

export interface Rec {
  obj: Obj;
  id: number;
  /** The record in API form, as the administrator reads it. */
  v: Record<string, any>;
  deleted: boolean;
}

/** A distinctive value (lower-cased): whose field it is. Objects outside the world are never readable. */
export interface Marker {
  text: string;
  obj: string;
  id: number;
  field: string;
}

export interface FieldMeta {
  type: string;
  object?: string;
  search?: 'fuzzy' | 'exact';
  /** The label in zh-CN (export headers). */
  label: string;
}

export interface World {
  k: TestKehu;
  people: Person[];
  adminId: number;
  records: Record<Obj, Map<number, Rec>>;
  shares: Share[];
  markers: Marker[];
  /** Field name → type and target, per object (the administrator's metadata). */
  meta: Map<string, Map<string, FieldMeta>>;
}

const letters: Record<string, string> = {
  customer: 'C',
  contact: 'T',
  opportunity: 'O',
  pWidget: 'W',
  user: 'U',
  department: 'D',
  role: 'R',
  salesProcess: 'P',
  salesStage: 'S',
};

/** Creates records as the administrator and keeps their distinctive values (markers) with their ids. */
export class Builder {
  readonly markers: Marker[] = [];
  private readonly counters = new Map<string, number>();
  private phones = 0;
  readonly pending: Array<{ text: string; obj: string; field: string; key: string }> = [];

  constructor(readonly admin: ApiClient) {}

  index(obj: string): number {
    const n = this.counters.get(obj) ?? 0;
    this.counters.set(obj, n + 1);
    return n;
  }

  /** A text marker for a record not created yet (its id is filled in by `own`). */
  text(obj: string, i: number, field: string, code: string): string {
    const t = marker(letters[obj], i, code);
    this.pending.push({ text: t.toLowerCase(), obj, field, key: `${obj}:${i}` });
    return t;
  }

  phone(obj: string, i: number, field: string): string {
    const n = `1391${String(++this.phones).padStart(7, '0')}`;
    this.pending.push({ text: n, obj, field, key: `${obj}:${i}` });
    return n;
  }

  email(obj: string, i: number, field: string): string {
    const local = marker(letters[obj], i, 'E').toLowerCase();
    this.pending.push({ text: `${local}@`, obj, field, key: `${obj}:${i}` });
    return `${local}@example.com`;
  }

  /** The record `obj:i` got id `id`: its markers now point at it. */
  own(obj: string, i: number, id: number): void {
    for (const p of this.pending.filter((x) => x.key === `${obj}:${i}`)) {
      this.markers.push({ text: p.text, obj: p.obj, id, field: p.field });
    }
    this.pending.splice(0, this.pending.length, ...this.pending.filter((x) => x.key !== `${obj}:${i}`));
  }

  async create(obj: string, body: Record<string, unknown>, i: number): Promise<Record<string, any>> {
    const r = await this.admin.post(`/api/objects/${obj}`, body);
    expect(r.status, `${obj}: ${JSON.stringify(r.body)}`).toBe(201);
    this.own(obj, i, r.body.data.id);
    // Auto numbers (KH2026000001) are as distinctive as markers.
    const code = r.body.data.code;
    if (typeof code === 'string')
      this.markers.push({ text: code.toLowerCase(), obj, id: r.body.data.id, field: 'code' });
    return r.body.data;
  }

  async patch(obj: string, id: number, body: Record<string, unknown>, i: number): Promise<void> {
    const r = await this.admin.patch(`/api/objects/${obj}/${id}`, body);
    expect(r.status, `${obj} ${id}: ${JSON.stringify(r.body)}`).toBe(200);
    this.own(obj, i, id);
  }
}

async function declareObjects(admin: ApiClient): Promise<void> {
  const w = await admin.post('/api/metadata/objects', {
    name: 'pWidget',
    label: { 'zh-CN': '部件', 'en-US': 'Widget' },
    fields: {
      name: { type: 'text', required: true, search: 'fuzzy' },
      secretNote: { type: 'text' },
      phone: { type: 'phone', search: 'exact' },
      email: { type: 'email' },
      amount: { type: 'money' },
      customer: { type: 'manyToOne', object: 'customer' },
      contact: { type: 'manyToOne', object: 'contact' },
      contacts: { type: 'manyToMany', object: 'contact' },
      owner: { type: 'owner' },
    },
  });
  expect(w.status, JSON.stringify(w.body)).toBe(201);
  const back = await admin.post('/api/metadata/objects/customer/fields', {
    name: 'widgets',
    type: 'oneToMany',
    object: 'pWidget',
    field: 'customer',
  });
  expect(back.status, JSON.stringify(back.body)).toBe(201);
}

async function people(k: TestKehu, b: Builder, r: Rng, depts: number[]): Promise<Person[]> {
  const out: Person[] = [];
  for (let i = 0; i < 7; i++) {
    const role = i < 6 ? randomRole(r) : edgeRole();
    const ri = b.index('role');
    const rr = await b.create('role', { name: b.text('role', ri, 'name', 'N'), ...role }, ri);
    const ui = b.index('user');
    const username = marker('U', ui, 'G').toLowerCase();
    const dept = r.chance(0.1) ? null : r.pick(depts);
    const manager = out.length && r.chance(0.6) ? r.pick(out).id : null;
    const u = await b.create(
      'user',
      {
        username,
        name: b.text('user', ui, 'name', 'N'),
        title: b.text('user', ui, 'title', 'L'),
        mobile: b.phone('user', ui, 'mobile'),
        email: b.email('user', ui, 'email'),
        password: testPassword,
        department: dept,
        manager,
        roles: [rr.id],
      },
      ui,
    );
    b.markers.push({ text: username, obj: 'user', id: u.id, field: 'username' });
    const person: Person = { id: u.id, username, dept, manager, role, api: await k.as(username) };
    // Counterexamples name the user, not its session.
    Object.defineProperty(person, fc.toStringMethod, { value: () => `user ${username}` });
    out.push(person);
  }
  return out;
}

/** The administrator's department (the seeded headquarters) and four more below it, at random. */
async function departments(b: Builder, r: Rng, hq: number): Promise<number[]> {
  b.index('department');
  await b.patch('department', hq, { name: b.text('department', 0, 'name', 'N') }, 0);
  const ids = [hq];
  for (let n = 0; n < 4; n++) {
    const i = b.index('department');
    const parent = r.pick(ids);
    const d = await b.create('department', { name: b.text('department', i, 'name', 'N'), parent }, i);
    ids.push(d.id);
  }
  return ids;
}

async function salesSetup(b: Builder): Promise<void> {
  const p = await b.create('salesProcess', { name: b.text('salesProcess', 0, 'name', 'N'), isDefault: true }, 0);
  await b.create(
    'salesStage',
    { name: b.text('salesStage', 0, 'name', 'N'), probability: 10, process: p.id, sortOrder: 10 },
    0,
  );
}

async function snapshot(k: TestKehu): Promise<Pick<World, 'records' | 'shares' | 'meta'>> {
  const records = {} as World['records'];
  const meta: World['meta'] = new Map();
  for (const o of objects) {
    const m = await k.admin.get(`/api/metadata/objects/${o}`);
    const fields = m.body.data.fields.map((f: any) => [
      f.name,
      { type: f.type, object: f.object, search: f.search, label: f.label?.['zh-CN'] ?? f.name },
    ]);
    meta.set(o, new Map(fields));
    records[o] = new Map();
    for (const deleted of [false, true]) {
      const r = await k.admin.list(o, { limit: '500', ...(deleted ? { deleted: 'true' } : {}) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      for (const v of r.body.data) records[o].set(v.id, { obj: o, id: v.id, v, deleted });
    }
  }
  const rows = await k.kehu.database.pool.query(
    'select object, record_id, user_id, department_id, level from sys_share order by id',
  );
  const shares: Share[] = rows.rows.map((s) => ({
    object: s.object,
    recordId: Number(s.record_id),
    userId: s.user_id === null ? null : Number(s.user_id),
    departmentId: s.department_id === null ? null : Number(s.department_id),
    level: s.level,
  }));
  return { records, shares, meta };
}

export async function buildWorld(k: TestKehu, seed: number): Promise<World> {
  const r = new Rng(seed);
  const b = new Builder(k.admin);
  await declareObjects(k.admin);
  const me = (await k.admin.get('/api/auth/me')).body.data.user;
  const adminId = me.id as number;
  b.index('user');
  const adminMarker = marker('U', 99, 'N');
  await b.admin.patch(`/api/objects/user/${adminId}`, { name: adminMarker });
  b.markers.push({ text: adminMarker.toLowerCase(), obj: 'user', id: adminId, field: 'name' });
  const depts = await departments(b, r, me.department.id);
  const ppl = await people(k, b, r, depts);
  for (const d of depts) if (r.chance(0.5)) await b.patch('department', d, { head: r.pick(ppl).id }, -1);
  await salesSetup(b);
  const owners = [adminId, ...ppl.map((p) => p.id)];
  const ids = await records(b, r, owners);
  await edits(b, r, ids, owners);
  await share(
    b,
    r,
    ids,
    ppl.map((p) => p.id),
    depts,
  );
  return { k, people: ppl, adminId, markers: b.markers, ...(await snapshot(k)) };
}
