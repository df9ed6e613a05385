import type { FieldErrorCode } from '@kehu/common';
import type { Ctx } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import { isBuiltin } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { systemObjectNames } from '../system/index.ts';
import { authorizeExisting } from './authorize.ts';

/** At most this many records merge into one survivor in one request. */
export const maxMerged = 20;

export interface MergeInput {
  survivor: number;
  merged: number[];
  /** Per field, the record whose value the survivor keeps. */
  values: Record<string, number>;
}

type Role = 'survivor' | 'merged';

/** A record id, or `{ id, object? }`; a record of another object is refused by name. */
function recordRef(obj: ObjectDef, v: unknown, field: Role): number {
  let raw = v;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as { id?: unknown; object?: unknown };
    if (o.object !== undefined && o.object !== obj.name)
      throw new KehuError(
        'MERGE_WRONG_OBJECT',
        { field, other: String(o.object).slice(0, 40), object: obj.name },
        { [field]: 'invalidOption' },
      );
    raw = o.id;
  }
  const n = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0)
    throw validationFailed({ [field]: raw === undefined || raw === null ? 'required' : 'type' });
  return n;
}

/** Fields whose value the survivor may take from a merged record: plain writable ones the caller may read and edit. */
export function choosableFields(ctx: Ctx, obj: ObjectDef): FieldDef[] {
  return [...obj.fields.values()].filter(
    (f) =>
      !isBuiltin(f) &&
      f.impl.writable &&
      !f.readOnly &&
      !f.impl.secret &&
      f.column !== undefined &&
      ctx.access.canReadField(obj, f) &&
      ctx.access.canWriteField(obj, f),
  );
}

/** Check the shape of a merge request: `{ survivor, merged: [...], values?: { field: recordId } }`. */
export function parseMergeInput(ctx: Ctx, obj: ObjectDef, body: unknown): MergeInput {
  if (systemObjectNames.has(obj.name) || obj.apiReadOnly)
    throw new KehuError('MERGE_UNSUPPORTED', { object: obj.name });
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new KehuError('BAD_REQUEST', { detail: 'body must be a JSON object' });
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!['survivor', 'merged', 'values'].includes(k))
      throw new KehuError('UNKNOWN_PARAMETER', { parameter: k.slice(0, 40) });
  const survivor = recordRef(obj, b.survivor, 'survivor');
  if (b.merged === undefined || b.merged === null || (Array.isArray(b.merged) && b.merged.length === 0))
    throw new KehuError('MERGE_EMPTY', { field: 'merged' }, { merged: 'required' });
  if (!Array.isArray(b.merged)) throw validationFailed({ merged: 'type' });
  const merged = [...new Set(b.merged.map((v) => recordRef(obj, v, 'merged')))];
  if (merged.length > maxMerged) throw new KehuError('TOO_MANY_RECORDS', { max: maxMerged });
  if (merged.includes(survivor)) throw new KehuError('MERGE_SELF', { field: 'merged' }, { merged: 'invalidOption' });
  const values: Record<string, number> = {};
  if (b.values !== undefined && b.values !== null) {
    if (typeof b.values !== 'object' || Array.isArray(b.values)) throw validationFailed({ values: 'type' });
    const allowed = new Set(choosableFields(ctx, obj).map((f) => f.name));
    const problems: Record<string, FieldErrorCode> = {};
    for (const [name, source] of Object.entries(b.values as Record<string, unknown>)) {
      const f = obj.fields.get(name);
      if (!f || !ctx.access.canReadField(obj, f)) problems[name.slice(0, 60)] = 'unknown';
      else if (!allowed.has(name)) problems[name] = 'readOnly';
      else if (typeof source !== 'number' || (source !== survivor && !merged.includes(source)))
        problems[name] = 'invalidOption';
      else values[name] = source;
    }
    if (Object.keys(problems).length) throw validationFailed(problems);
  }
  return { survivor, merged, values };
}

/**
 * The caller must be able to edit the survivor and delete every merged record. Outside the read scope a record
 * does not exist (404); readable but not editable is 403. Either way the error names the request field.
 */
export async function authorizeMerge(ctx: Ctx, obj: ObjectDef, id: number, role: Role): Promise<void> {
  try {
    await authorizeExisting(ctx, obj, id, role === 'survivor' ? 'update' : 'delete');
  } catch (err) {
    if (!(err instanceof KehuError)) throw err;
    if (err.code === 'NOT_FOUND') throw new KehuError('NOT_FOUND', { id }, { [role]: 'notFound' });
    if (err.code === 'FORBIDDEN')
      throw new KehuError('MERGE_FORBIDDEN', { field: role, id }, { [role]: 'readOnly' }, 403);
    throw err;
  }
}
