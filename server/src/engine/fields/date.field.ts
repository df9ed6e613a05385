import { FieldProblem } from '../errors.ts';
import type { FieldType } from './field-type.ts';
import { dateOps, orderAggregates } from './scalar-ops.ts';

export function parseDate(v: unknown): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new FieldProblem('invalidDate');
  const d = new Date(`${v}T00:00:00Z`);
  // Year 0 is valid in JavaScript but not in PostgreSQL.
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v || v < '0001')
    throw new FieldProblem('invalidDate');
  return v;
}

export function parseDatetime(v: unknown): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
    throw new FieldProblem('invalidDate');
  }
  const d = new Date(v);
  // In UTC the time may leave the years PostgreSQL and ISO strings share (0001–9999).
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999)
    throw new FieldProblem('invalidDate');
  return d.toISOString();
}

/** A calendar date, 'YYYY-MM-DD'. */
export const dateField: FieldType = {
  name: 'date',
  kind: 'date',
  columns: (f) => [{ name: f.column!, sql: 'date' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parseDate(v) }),
  format: (row, f) => row[f.column!] ?? null,
  ops: dateOps,
  filterValue: parseDate,
  sortable: true,
  groupable: true,
  aggregates: orderAggregates,
  jsonSchema: () => ({ type: 'string', format: 'date' }),
};

/** A point in time with a zone offset, returned in UTC ISO 8601. */
export const datetimeField: FieldType = {
  name: 'datetime',
  kind: 'datetime',
  columns: (f) => [{ name: f.column!, sql: 'timestamptz' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parseDatetime(v) }),
  format: (row, f) => {
    const v = row[f.column!];
    return v instanceof Date ? v.toISOString() : (v ?? null);
  },
  ops: dateOps,
  filterValue: parseDatetime,
  sortable: true,
  groupable: true,
  aggregates: orderAggregates,
  jsonSchema: () => ({ type: 'string', format: 'date-time' }),
};
