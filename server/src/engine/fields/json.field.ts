import { FieldProblem } from '../errors.ts';
import type { FieldType } from './field-type.ts';

/** Structured data the system keeps (role grants, settings); not filterable. */
export const jsonField: FieldType = {
  name: 'json',
  kind: 'json',
  columns: (f) => [{ name: f.column!, sql: 'jsonb' }],
  writable: true,
  parse: (v, ctx) => {
    if (typeof v !== 'object') throw new FieldProblem('type');
    if (JSON.stringify(v).length > 100_000) throw new FieldProblem('tooLong');
    return { [ctx.field.column!]: JSON.stringify(v) };
  },
  format: (row, f) => row[f.column!] ?? null,
  ops: ['isEmpty', 'isNotEmpty'],
  sortable: false,
  groupable: false,
  aggregates: [],
  jsonSchema: () => ({ type: 'object' }),
};
