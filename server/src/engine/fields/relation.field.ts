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

/** The referenced record must exist and not be in the recycle bin. */
export async function assertExists(ctx: ParseContext, target: ObjectDef, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(target.table)}
    where id = any(${ids}::bigint[]) and deleted_at is null`.execute(ctx.db);
  if (found.rows[0].n !== new Set(ids).size) throw new FieldProblem('notFound');
}

export const labelAlias = (f: FieldDef) => `${f.name}$label`;

/** Select the target's title next to the id: `{ id, label }` in output. */
export function relationJoin(f: FieldDef, alias: string, target: ObjectDef) {
  const j = `j_${f.name}`;
  const title = target.fields.get(target.titleField);
  const titleExpr = title?.column ? sql.ref(`${j}.${title.column}`) : sql`${sql.ref(`${j}.id`)}::text`;
  return {
    join: sql`left join ${sql.table(target.table)} as ${sql.table(j)} on ${sql.ref(`${j}.id`)} = ${sql.ref(`${alias}.${f.column}`)}`,
    select: [sql`${titleExpr} as ${sql.ref(labelAlias(f))}`],
  };
}

export function formatRef(row: Row, f: FieldDef) {
  const id = row[f.column!];
  return id === null || id === undefined ? null : { id, label: row[labelAlias(f)] ?? null };
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
  joins: (f, alias, objectDef) => relationJoin(f, alias, objectDef(f.object!)),
};

/** The responsible user; drives the "own / subordinates / department" scopes. Defaults to the creator. */
export const ownerField: FieldType = {
  ...manyToOneField,
  name: 'owner',
  async parse(v, ctx) {
    const id = parseId(v);
    await assertExists(ctx, ctx.objectDef('user'), [id]);
    return { [ctx.field.column!]: id };
  },
  jsonSchema: () => ({ type: 'integer', description: 'id of the owning user' }),
  joins: (f, alias, objectDef) => relationJoin(f, alias, objectDef('user')),
};
