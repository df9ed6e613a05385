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
  const readable = ctx.readable ? await ctx.readable(target, 'x') : sql`true`;
  const found = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(target.table)} as x
    where x.id = any(${ids}::bigint[]) and x.deleted_at is null and ${readable}`.execute(ctx.db);
  if (found.rows[0].n !== new Set(ids).size) throw new FieldProblem('notFound');
}

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
