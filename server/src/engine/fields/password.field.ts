import { sql } from 'kysely';
import { hashPassword, passwordProblem } from '../access/password.ts';
import { FieldProblem } from '../errors.ts';
import type { FieldType, ParseContext } from './field-type.ts';

/** The user name the password must not contain: from the same input, else from the stored record. */
async function usernameOf(ctx: ParseContext): Promise<string | undefined> {
  const f = ctx.object.fields.get('username');
  if (!f?.column) return undefined;
  if (typeof ctx.input?.username === 'string') return ctx.input.username;
  if (!ctx.recordId) return undefined;
  const r = await sql<{ u: string | null }>`select ${sql.ref(f.column)} as u from ${sql.table(ctx.object.table)}
    where id = ${ctx.recordId}`.execute(ctx.db);
  return r.rows[0]?.u ?? undefined;
}

/** A secret: write-only, stored as a slow hash, never sent to clients, not filterable. */
export const passwordField: FieldType = {
  name: 'password',
  kind: 'none',
  secret: true,
  columns: (f) => [{ name: f.column!, sql: 'text' }],
  writable: true,
  // Only null clears a password: "" or spaces are a (weak) password, never a silent removal (SEC-7).
  isEmpty: (v) => v === null || v === undefined,
  async parse(v, ctx) {
    if (typeof v !== 'string') throw new FieldProblem('type');
    const problem = passwordProblem(v, await usernameOf(ctx));
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
