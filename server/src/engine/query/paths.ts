import { KehuError } from '../errors.ts';
import type { Registry } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';

export interface Hop {
  /** The many-to-one (or owner) field followed from `from`. */
  via: FieldDef;
  from: ObjectDef;
  to: ObjectDef;
}

export interface ResolvedPath {
  hops: Hop[];
  field: FieldDef;
  object: ObjectDef;
}

/** A field visible through the API (secret fields are not addressable at all). */
export type FieldGate = (obj: ObjectDef, f: FieldDef) => boolean;
export const anyVisible: FieldGate = (_o, f) => !f.impl.secret;

/** `owner.department.name` → hops through many-to-one fields, then the final field. At most 3 hops. */
export function resolvePath(
  registry: Registry,
  obj: ObjectDef,
  path: unknown,
  gate: FieldGate = anyVisible,
): ResolvedPath {
  if (typeof path !== 'string' || path.length > 200)
    throw new KehuError('UNKNOWN_FIELD', { field: String(path).slice(0, 60) });
  const parts = path.split('.');
  if (parts.length > 4) throw new KehuError('UNKNOWN_FIELD', { field: path });
  const hops: Hop[] = [];
  let current = obj;
  for (let i = 0; i < parts.length; i++) {
    const f = current.fields.get(parts[i]);
    if (!f || !gate(current, f)) throw new KehuError('UNKNOWN_FIELD', { field: path });
    if (i === parts.length - 1) return { hops, field: f, object: current };
    if (f.type !== 'manyToOne' && f.type !== 'owner') throw new KehuError('UNKNOWN_FIELD', { field: path });
    const to = registry.get(f.type === 'owner' ? 'user' : f.object!);
    hops.push({ via: f, from: current, to });
    current = to;
  }
  throw new KehuError('UNKNOWN_FIELD', { field: path });
}
