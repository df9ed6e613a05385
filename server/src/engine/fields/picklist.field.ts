import { FieldProblem } from '../errors.ts';
import type { FieldDef } from '../metadata/types.ts';
import type { FieldType } from './field-type.ts';
import { choiceOps } from './scalar-ops.ts';

export function parseOption(v: unknown, f: FieldDef): string {
  if (typeof v !== 'string') throw new FieldProblem('type');
  if (!f.options?.some((o) => o.value === v)) throw new FieldProblem('invalidOption');
  return v;
}

/** One value from a fixed list of options. */
export const picklistField: FieldType = {
  name: 'picklist',
  kind: 'text',
  columns: (f) => [{ name: f.column!, sql: 'text', index: 'btree' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parseOption(v, ctx.field) }),
  format: (row, f) => row[f.column!] ?? null,
  ops: choiceOps,
  filterValue: parseOption,
  sortable: true,
  groupable: true,
  aggregates: ['count'],
  jsonSchema: (f) => ({ type: 'string', enum: f.options?.map((o) => o.value) ?? [] }),
};
