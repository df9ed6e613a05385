import type { Filter } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { groupBy } from '../query/group.ts';

/**
 * How many records hold each option, as the caller may see them: through the engine's grouping, so scopes and field
 * rights apply as everywhere (a field the caller may not query gets no counts). Multi-picklists, which do not group,
 * count every option in one scan with one filtered measure each.
 */
export async function optionCounts(ctx: Ctx, obj: ObjectDef, f: FieldDef): Promise<Map<string, number> | null> {
  if (ctx.access.scope(obj.name, 'read') === 'none' || !ctx.access.canQueryField(obj, f)) return null;
  const options = f.options ?? [];
  if (f.type === 'picklist') {
    const g = await groupBy(ctx, obj, { by: [f.name], measures: [{ name: 'count', measure: 'count' }], limit: 1000 });
    return new Map(g.rows.map((r) => [String(r.key[f.name]), Number(r.values.count)]));
  }
  if (options.length === 0) return new Map();
  const measures = options.map((o, i) => ({
    name: `o${i}`,
    measure: 'count',
    where: { field: f.name, op: 'contains', value: [o.value] } as Filter,
  }));
  const g = await groupBy(ctx, obj, { by: [], measures, limit: 1 });
  return new Map(options.map((o, i) => [o.value, Number(g.totals?.[`o${i}`] ?? 0)]));
}

/** Records holding the value, live or in the recycle bin (a removed option must leave no record behind). */
export async function holders(ctx: Ctx, obj: ObjectDef, f: FieldDef, value: string): Promise<number> {
  const col = sql.ref(f.column!);
  const cond = f.type === 'multiPicklist' ? sql`${value} = any(${col})` : sql`${col} = ${value}`;
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(obj.table)} where ${cond}`.execute(
    ctx.db,
  );
  return r.rows[0]?.n ?? 0;
}
