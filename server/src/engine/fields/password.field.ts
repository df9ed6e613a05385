import { hashPassword, passwordProblem } from '../access/password.ts';
import { FieldProblem } from '../errors.ts';
import type { FieldType } from './field-type.ts';

/** A secret: write-only, stored as a slow hash, never sent to clients, not filterable. */
export const passwordField: FieldType = {
  name: 'password',
  kind: 'none',
  secret: true,
  columns: (f) => [{ name: f.column!, sql: 'text' }],
  writable: true,
  async parse(v, ctx) {
    if (typeof v !== 'string') throw new FieldProblem('type');
    const problem = passwordProblem(v);
    if (problem) throw new FieldProblem(problem);
    return { [ctx.field.column!]: await hashPassword(v) };
  },
  format: () => undefined,
  ops: [],
  sortable: false,
  groupable: false,
  aggregates: [],
  jsonSchema: () => ({ type: 'string', writeOnly: true, minLength: 10 }),
};
