import type { FieldMeta, ObjectMeta } from '../metadata.ts';
import { formFields } from '../metadata.ts';
import { isEmptyValue } from './validate.ts';

type Ref = { id: number; label?: string };

/** A form value (the shape the API returns) → the shape the API accepts. */
export function toInput(f: FieldMeta, v: unknown): unknown {
  if (isEmptyValue(v)) return f.type === 'boolean' ? (v ?? null) : null;
  switch (f.type) {
    case 'manyToOne':
    case 'owner':
      return typeof v === 'object' ? (v as Ref).id : Number(v);
    case 'manyToMany':
      return (v as Array<Ref | number>).map((x) => (typeof x === 'object' ? x.id : x));
    case 'region': {
      const r = v as Record<string, string | null>;
      return { province: r.province ?? null, city: r.city ?? null, district: r.district ?? null };
    }
    case 'address': {
      const r = v as Record<string, string | null>;
      return {
        province: r.province ?? null,
        city: r.city ?? null,
        district: r.district ?? null,
        street: r.street ?? null,
      };
    }
    case 'attachments':
      return (v as Array<{ id: number; sha256?: string }>).map((a) => ({ id: a.id, sha256: a.sha256 }));
    case 'integer':
      return typeof v === 'string' ? Number(v.replace(/,/g, '')) : v;
    case 'decimal':
    case 'money':
    case 'percent':
      return String(v).replace(/,/g, '');
    case 'text':
    case 'longText':
    case 'email':
    case 'url':
    case 'phone':
      return String(v).trim();
    default:
      return v;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The request body for a create (every filled field) or an update (only what changed). */
export function inputBody(meta: ObjectMeta, values: Record<string, unknown>, initial?: Record<string, unknown>) {
  const body: Record<string, unknown> = {};
  for (const f of formFields(meta)) {
    if (!(f.name in values)) continue;
    const next = toInput(f, values[f.name]);
    if (f.type === 'password' && isEmptyValue(next)) continue;
    if (initial ? !same(next, toInput(f, initial[f.name])) : next !== null) body[f.name] = next;
  }
  return body;
}

/** Initial form values for a new record: field defaults. */
export function defaults(meta: ObjectMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of formFields(meta)) if (f.default !== undefined) out[f.name] = f.default;
  return out;
}

/** Fields whose values differ between two versions of a record (for the conflict dialog). */
export function changedFields(meta: ObjectMeta, a: Record<string, unknown>, b: Record<string, unknown>): FieldMeta[] {
  return formFields(meta).filter((f) => f.type !== 'password' && !same(toInput(f, a[f.name]), toInput(f, b[f.name])));
}
