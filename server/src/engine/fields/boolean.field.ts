import { FieldProblem } from '../errors.ts';
import type { FieldType } from './field-type.ts';

function parseBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1 || v === '1') return true;
  if (v === 'false' || v === 0 || v === '0') return false;
  throw new FieldProblem('type');
}

export const booleanField: FieldType = {
  name: 'boolean',
  kind: 'boolean',
  columns: (f) => [{ name: f.column!, sql: 'boolean' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parseBool(v) }),
  format: (row, f) => row[f.column!] ?? null,
  ops: ['eq', 'ne', 'isEmpty', 'isNotEmpty'],
  filterValue: parseBool,
  sortable: true,
  groupable: true,
  aggregates: ['count'],
  jsonSchema: () => ({ type: 'boolean' }),
};
