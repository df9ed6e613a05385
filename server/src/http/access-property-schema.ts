import type { FieldRight, FieldRights, Grants, Scope } from '@kehu/common';
import { Random } from '../modules/demo/random.ts';

/**
 * The shape of the access attack world (SEC-2, SEC-3, SEC-14): which objects, relations and fields the property
 * suite (access-property.test.ts) walks, and a small seeded generator for its random roles and data.
 */

export const objects = ['customer', 'contact', 'opportunity', 'pWidget', 'user', 'department'] as const;
export type Obj = (typeof objects)[number];
/** Business objects: records with an owner, read through lists, exports, imports and alerts. */
export const business = ['customer', 'contact', 'opportunity', 'pWidget'] as const;
export type BusinessObj = (typeof business)[number];

/** Many-to-one relations a path may follow (field → target). */
export const relations: Record<Obj, Record<string, Obj>> = {
  customer: { parent: 'customer', owner: 'user', createdBy: 'user' },
  contact: { customer: 'customer', reportsTo: 'contact', owner: 'user', createdBy: 'user' },
  opportunity: { customer: 'customer', contact: 'contact', owner: 'user', createdBy: 'user' },
  pWidget: { customer: 'customer', contact: 'contact', owner: 'user', createdBy: 'user' },
  user: { department: 'department', manager: 'user' },
  department: { parent: 'department', head: 'user' },
};

/** `long`: multi-line text (not a group key); `links`: many-to-many (filters only). */
export type Kind = 'text' | 'long' | 'phone' | 'email' | 'money' | 'pick' | 'id' | 'ref' | 'links';

/** Scalar fields a path may end on. */
export const leaves: Record<Obj, Record<string, Kind>> = {
  customer: {
    name: 'text',
    notes: 'long',
    phone: 'phone',
    email: 'email',
    creditLimit: 'money',
    industry: 'pick',
    id: 'id',
  },
  contact: { name: 'text', notes: 'long', title: 'text', mobile: 'phone', email: 'email', id: 'id' },
  opportunity: { name: 'text', description: 'long', amount: 'money', id: 'id' },
  pWidget: {
    name: 'text',
    secretNote: 'text',
    phone: 'phone',
    email: 'email',
    amount: 'money',
    contacts: 'links',
    id: 'id',
  },
  user: { name: 'text', title: 'text', mobile: 'phone', email: 'email', id: 'id' },
  department: { name: 'text', id: 'id' },
};

/** The kind of field `f` of `o` (relations included), or undefined. */
export function kindOf(o: Obj, f: string): Kind | undefined {
  return leaves[o][f] ?? (relations[o][f] ? 'ref' : undefined);
}

/** Fields a random role may restrict (hidden, masked, read-only), besides the leaves and relations. */
const extraRestrictable: Partial<Record<Obj, string[]>> = {
  customer: ['contacts', 'code', 'widgets'],
  opportunity: ['code'],
};
const maskable = new Set<Kind>(['text', 'long', 'phone', 'email']);

/** Relations a related list walks: parent object, one-to-many field, child object, back reference. */
export const relatedLists = [
  { parent: 'customer', field: 'contacts', child: 'contact', via: 'customer' },
  { parent: 'customer', field: 'subsidiaries', child: 'customer', via: 'parent' },
  { parent: 'customer', field: 'widgets', child: 'pWidget', via: 'customer' },
  { parent: 'contact', field: 'reports', child: 'contact', via: 'reportsTo' },
] as const;

/** Reference fields a write may set: object, field, target, many-to-many or not. */
export const writableRefs = [
  { object: 'contact', field: 'customer', target: 'customer', many: false },
  { object: 'contact', field: 'reportsTo', target: 'contact', many: false },
  { object: 'pWidget', field: 'customer', target: 'customer', many: false },
  { object: 'pWidget', field: 'contact', target: 'contact', many: false },
  { object: 'pWidget', field: 'contacts', target: 'contact', many: true },
  { object: 'opportunity', field: 'contact', target: 'contact', many: false },
] as const;

/** The demo data's seeded PRNG, with subsets: the world is the same for the same seed. */
export class Rng extends Random {
  subset<T>(xs: readonly T[], max: number): T[] {
    const out = new Set<T>();
    const n = this.int(max + 1);
    for (let i = 0; i < n && xs.length; i++) out.add(this.pick(xs));
    return [...out];
  }
}

const weightedScopes: Scope[] = ['none', 'own', 'own', 'subordinates', 'department', 'departmentTree', 'all', 'all'];

export interface RoleSpec {
  grants: Grants;
  fieldRights: FieldRights;
}

/** A random role: a scope per object and operation, and random hidden / masked / read-only fields. */
export function randomRole(r: Rng): RoleSpec {
  const grants: Grants = {};
  for (const o of business) {
    grants[o] = {
      read: r.pick(weightedScopes),
      export: r.pick(weightedScopes),
      create: r.pick(['none', 'own', 'all'] as const),
      update: r.pick(['none', 'own', 'all'] as const),
      import: r.pick(['none', 'own', 'all'] as const),
    };
  }
  grants.user = { read: r.pick(weightedScopes) };
  grants.department = { read: r.pick(weightedScopes) };
  grants.alertRule = { create: 'own', read: 'own', update: 'own' };
  const fieldRights: FieldRights = {};
  for (const o of objects) {
    const rights: Record<string, FieldRight> = {};
    const fields = [...Object.keys(leaves[o]), ...Object.keys(relations[o]), ...(extraRestrictable[o] ?? [])];
    for (const f of fields) {
      if (f === 'id') continue;
      const x = r.next();
      const kind = kindOf(o, f);
      if (x < 0.1) rights[f] = 'hidden';
      else if (x < 0.2 && kind && maskable.has(kind)) rights[f] = 'masked';
      else if (x < 0.28) rights[f] = 'readOnly';
    }
    if (Object.keys(rights).length) fieldRights[o] = rights;
  }
  return { grants, fieldRights };
}

/**
 * Beside the random roles, one fixed role that opens the doors attacks go through: a read scope narrower than
 * the export scope, titles hidden or masked on objects it reads and imports into, masked fields to match on.
 */
export function edgeRole(): RoleSpec {
  const g = (read: Scope, more: Partial<Record<'export' | 'create' | 'update' | 'import', Scope>> = {}) => ({
    read,
    ...more,
  });
  return {
    grants: {
      customer: g('all', { export: 'own' }),
      contact: g('department', { export: 'all', create: 'own', update: 'own' }),
      opportunity: g('subordinates', { export: 'all' }),
      pWidget: g('own', { export: 'all', create: 'all', update: 'own', import: 'all' }),
      user: g('own'),
      alertRule: { create: 'own', read: 'own', update: 'own' },
    },
    fieldRights: {
      customer: { name: 'hidden', phone: 'masked' },
      contact: { mobile: 'masked', email: 'masked' },
      pWidget: { phone: 'masked', secretNote: 'masked' },
      user: { name: 'masked' },
    },
  };
}

/** Distinctive text for one value: `Q<object><record><field>Z`, never a substring of another. */
export function marker(o: string, index: number, field: string): string {
  return `Q${o}${String(index).padStart(2, '0')}${field}Z`;
}

/** Property runs and seed, from the environment (scripts/access-attack.ts sets them). */
export function propertyRuns(defaultRuns: number): number {
  const scale = Number(process.env.KEHU_PROPERTY_RUNS_SCALE ?? '1');
  const fixed = process.env.KEHU_PROPERTY_RUNS;
  return fixed ? Number(fixed) : Math.max(1, Math.round(defaultRuns * scale));
}
export const propertySeed = Number(process.env.KEHU_PROPERTY_SEED ?? '20261207');
