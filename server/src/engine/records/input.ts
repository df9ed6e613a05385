import type { FieldErrorCode } from '@kehu/common';
import type { Ctx } from '../context.ts';
import { FieldProblem, KehuError, validationFailed } from '../errors.ts';
import { isBlank } from '../fields/field-type.ts';
import { isBuiltin } from '../metadata/registry.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { labelsOf } from './labels-of.ts';

export interface ParsedInput {
  columns: Record<string, unknown>;
  /** Values stored outside the row (many-to-many), written after it. */
  links: Array<{ field: FieldDef; value: unknown }>;
  /** Field names present in the input. */
  touched: string[];
}

/** PostgreSQL text cannot hold NUL characters; refuse them anywhere in a value instead of failing later. */
function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 20 || typeof v !== 'object' || v === null) return false;
  return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x, depth + 1));
}

function blank(f: FieldDef, v: unknown): boolean {
  if (f.impl.isEmpty) return f.impl.isEmpty(v);
  return isBlank(v) || (Array.isArray(v) && v.length === 0);
}

/**
 * Client input → column values. Unknown, read-only and system fields are refused (no mass assignment);
 * every problem is collected so that the client sees all of them at once, keyed by field.
 */
export async function parseInput(
  ctx: Ctx,
  obj: ObjectDef,
  input: unknown,
  mode: 'create' | 'update',
  /**
   * `internal`: the engine's own write (read-only fields allowed, references not checked against the actor);
   * `pastValues`: values the record held before (deactivated options pass, WF-7); `known`: references already
   * checked during this import.
   */
  opts: { internal?: boolean; recordId?: number; pastValues?: boolean; known?: Map<string, boolean> } = {},
): Promise<ParsedInput> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new KehuError('BAD_REQUEST', { detail: 'body must be a JSON object' });
  }
  const problems: Record<string, FieldErrorCode> = {};
  const out: ParsedInput = { columns: {}, links: [], touched: [] };
  const values = { ...(input as Record<string, unknown>) };
  if (mode === 'create') {
    for (const f of obj.fields.values()) {
      if (!(f.name in values) && f.default !== undefined && f.impl.writable && !isBuiltin(f))
        values[f.name] = f.default;
    }
  }
  for (const [name, value] of Object.entries(values)) {
    const f = obj.fields.get(name);
    // Hidden fields are "unknown" to the caller: refusing them differently would reveal that they exist.
    if (!f || (!f.impl.secret && !ctx.access.canReadField(obj, f))) {
      problems[name.slice(0, 60)] = 'unknown';
      continue;
    }
    if (isBuiltin(f) || !f.impl.writable || (f.readOnly && !opts.internal) || !ctx.access.canWriteField(obj, f)) {
      problems[name] = 'readOnly';
      continue;
    }
    out.touched.push(name);
    if (hasNul(value)) {
      problems[name] = 'format';
      continue;
    }
    if (blank(f, value)) {
      if (f.required) problems[name] = 'required';
      else for (const c of f.impl.columns(f)) if (!c.generated) out.columns[c.name] = null;
      if (f.type === 'manyToMany') out.links.push({ field: f, value: [] });
      continue;
    }
    try {
      const parsed = await f.impl.parse(value, {
        db: ctx.db,
        object: obj,
        field: f,
        userId: ctx.actor.userId,
        timezone: ctx.timezone,
        objectDef: (n) => ctx.registry.get(n),
        input: values,
        recordId: opts.recordId,
        acceptInactive: opts.internal || opts.pastValues,
        known: opts.known,
        readable: opts.internal ? undefined : (target, alias) => ctx.access.predicate(target, 'read', alias),
      });
      for (const [k, v] of Object.entries(parsed)) {
        if (k === '$links') out.links.push({ field: f, value: v });
        else out.columns[k] = v;
      }
    } catch (err) {
      if (err instanceof FieldProblem) problems[name] = err.problem;
      else throw err;
    }
  }
  if (mode === 'create') {
    for (const f of obj.fields.values()) {
      if (f.required && !(f.name in values) && !problems[f.name]) problems[f.name] = 'required';
    }
  }
  if (Object.keys(problems).length) throw validationFailed(problems, labelsOf(obj, problems));
  return out;
}
