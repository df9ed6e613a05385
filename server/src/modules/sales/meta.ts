import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import type { ObjectDef } from '../../engine/metadata/types.ts';

/** Table and column names of an object, from metadata only (never typed into SQL by hand). */
export interface Meta {
  obj: ObjectDef;
  table: RawBuilder<unknown>;
  /** The column of a field. */
  c(field: string): string;
  /** `alias.column` of a field. */
  ref(alias: string, field: string): RawBuilder<unknown>;
  /** `alias.column as "field"` for each field, comma-separated. */
  pick(alias: string, fields: string[]): RawBuilder<unknown>;
}

export function meta(ctx: Pick<Ctx, 'registry'>, object: string): Meta {
  const obj = ctx.registry.get(object);
  const c = (field: string) => {
    const col = obj.fields.get(field)?.column;
    if (!col) throw new Error(`${object}.${field} has no column`);
    return col;
  };
  const ref = (alias: string, field: string) => sql.ref(`${alias}.${c(field)}`) as unknown as RawBuilder<unknown>;
  return {
    obj,
    table: sql.table(obj.table) as unknown as RawBuilder<unknown>,
    c,
    ref,
    pick: (alias, fields) => sql.join(fields.map((f) => sql`${ref(alias, f)} as ${sql.ref(f)}`)),
  };
}

/** Today in the company's time zone, 'YYYY-MM-DD'. */
export function today(ctx: Ctx): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timezone }).format(new Date());
}

export const idOf = (v: unknown): number | null =>
  v === null || v === undefined ? null : typeof v === 'object' ? Number((v as { id: unknown }).id) : Number(v);
