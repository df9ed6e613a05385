import { sql } from 'kysely';
import { FieldProblem } from '../errors.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import type { FieldType, ParseContext, Row } from './field-type.ts';

export function parseId(v: unknown): number {
  const raw = typeof v === 'object' && v !== null && 'id' in v ? (v as { id: unknown }).id : v;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) throw new FieldProblem('type');
  return n;
}

/**
 * The referenced records must exist, be out of the recycle bin and be readable by the writer (SEC-2): a
 * reference to a record one cannot read is refused exactly like a missing one, so ids cannot be probed.
 */
export async function assertExists(ctx: ParseContext, target: ObjectDef, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const key = (id: number) => refKey(target, id, !!ctx.readable);
  const unknown = [...new Set(ids)].filter((id) => ctx.known?.get(key(id)) === undefined);
  if (unknown.length) {
    const readable = ctx.readable ? await ctx.readable(target, 'x') : sql`true`;
    const found = await sql<{ id: number }>`select x.id from ${sql.table(target.table)} as x
      where x.id = any(${unknown}::bigint[]) and x.deleted_at is null and ${readable}`.execute(ctx.db);
    const hit = new Set(found.rows.map((r) => Number(r.id)));
    if (!ctx.known) {
      if (hit.size !== unknown.length) throw new FieldProblem('notFound');
      return;
    }
    for (const id of unknown) ctx.known.set(key(id), hit.has(id));
  }
  if (ids.some((id) => !ctx.known!.get(key(id)))) throw new FieldProblem('notFound');
}

/** The key of a checked reference in `ParseContext.known`: the record, and whether it was checked as readable. */
export const refKey = (target: ObjectDef, id: number, readable: boolean) =>
  `${target.name}:${id}:${readable ? 'r' : 'e'}`;

export const labelAlias = (f: FieldDef) => `${f.name}$label`;
export const restrictedAlias = (f: FieldDef) => `${f.name}$restricted`;

/** `{ id, label }`, or `{ id, label: null, restricted: true }` when the caller cannot read the target. */
export function formatRef(row: Row, f: FieldDef) {
  const id = row[f.column!];
  if (id === null || id === undefined) return null;
  return row[restrictedAlias(f)] ? { id, label: null, restricted: true } : { id, label: row[labelAlias(f)] ?? null };
}

/** Many-to-one reference to another object's record. */
export const manyToOneField: FieldType = {
  name: 'manyToOne',
  kind: 'id',
  columns: (f) => [{ name: f.column!, sql: 'bigint', index: 'btree' }],
  writable: true,
  async parse(v, ctx) {
    const id = parseId(v);
    await assertExists(ctx, ctx.objectDef(ctx.field.object!), [id]);
    return { [ctx.field.column!]: id };
  },
  format: formatRef,
  ops: ['eq', 'ne', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
  filterValue: parseId,
  sortable: true,
  groupable: true,
  aggregates: ['count'],
  jsonSchema: (f) => ({ type: 'integer', description: `id of a ${f.object} record` }),
};

/** The responsible user; drives the "own / subordinates / department" scopes. Defaults to the creator. */
export const ownerField: FieldType = {
  ...manyToOneField,
  name: 'owner',
  async parse(v, ctx) {
    const id = parseId(v);
    // Who may own a record is the stronger "assign" check of the pipeline (authorizeOwner), not read access to
    // the user directory.
    await assertExists({ ...ctx, readable: undefined }, ctx.objectDef('user'), [id]);
    return { [ctx.field.column!]: id };
  },
  jsonSchema: () => ({ type: 'integer', description: 'id of the owning user' }),
};
