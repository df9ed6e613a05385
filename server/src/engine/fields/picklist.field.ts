import { sql } from 'kysely';
import { FieldProblem } from '../errors.ts';
import type { FieldDef } from '../metadata/types.ts';
import type { FieldType, ParseContext } from './field-type.ts';
import { choiceOps } from './scalar-ops.ts';

/** Any option of the field, active or not: what filters and lookups accept (records may hold inactive ones). */
export function parseOption(v: unknown, f: FieldDef): string {
  if (typeof v !== 'string') throw new FieldProblem('type');
  if (!f.options?.some((o) => o.value === v)) throw new FieldProblem('invalidOption');
  return v;
}

const inactive = (f: FieldDef, v: string) => f.options?.some((o) => o.value === v && o.active === false) === true;

/**
 * Refuse options an administrator deactivated (WF-7) in new writes; a record may keep the value it already holds
 * (a form sends it back unchanged), and what `acceptInactive` names passes.
 */
export async function assertActive(values: string[], ctx: ParseContext): Promise<void> {
  const off = values.filter((v) => inactive(ctx.field, v));
  if (off.length === 0 || ctx.acceptInactive) return;
  const col = sql.ref(ctx.field.column!);
  const holds = (v: string) => (ctx.field.type === 'multiPicklist' ? sql`${v} = any(${col})` : sql`${col} = ${v}`);
  if (ctx.recordId !== undefined) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(ctx.object.table)}
      where id = ${ctx.recordId} and ${sql.join(off.map(holds), sql` and `)}`.execute(ctx.db);
    if (r.rows[0]?.n === 1) return;
  }
  throw new FieldProblem('inactiveOption');
}

/** One value from a list of options (WF-7: administrators edit the list in the data dictionary). */
export const picklistField: FieldType = {
  name: 'picklist',
  kind: 'text',
  columns: (f) => [{ name: f.column!, sql: 'text', index: 'btree' }],
  writable: true,
  parse: async (v, ctx) => {
    const value = parseOption(v, ctx.field);
    await assertActive([value], ctx);
    return { [ctx.field.column!]: value };
  },
  format: (row, f) => row[f.column!] ?? null,
  ops: choiceOps,
  filterValue: parseOption,
  sortable: true,
  groupable: true,
  aggregates: ['count'],
  jsonSchema: (f) => ({ type: 'string', enum: f.options?.map((o) => o.value) ?? [] }),
};
