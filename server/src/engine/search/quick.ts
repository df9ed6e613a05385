import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../context.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { contains, exactCondition, fieldMatch, type Match, ref } from './match.ts';
import { hasShadows, pyColumn, pyiColumn } from './shadow.ts';
import { parseTerm, type SearchTerm } from './term.ts';

/**
 * Fields that quick search looks at: those declared with `search`, else the title field (unless `declaredOnly`).
 * A one-to-many field declared `search: 'fuzzy'` searches the related records' own search fields.
 */
export function searchFields(obj: ObjectDef, declaredOnly = false): FieldDef[] {
  const declared = [...obj.fields.values()].filter((f) => f.search && (f.column || f.type === 'oneToMany'));
  if (declared.length || declaredOnly) return declared;
  const title = obj.fields.get(obj.titleField);
  return title?.column ? [title] : [];
}

const or = (parts: RawBuilder<unknown>[]) => sql`(${sql.join(parts, sql` or `)})`;

/** Records whose related records (one-to-many) match, inside the caller's scope of the related object. */
async function relatedMatch(ctx: Ctx, f: FieldDef, alias: string, t: SearchTerm, depth: number): Promise<Match> {
  const none: Match = { exact: [], fuzzy: [] };
  const target = ctx.registry.get(f.object!);
  const backColumn = target.fields.get(f.field!)?.column;
  // One character (王) matches a large share of all people: related records are searched from two characters on.
  if (!backColumn || t.length < 2 || ctx.access.scope(target.name, 'read') === 'none') return none;
  const ra = `${alias}_r${depth}`;
  const inner = await matches(ctx, target, ra, t, depth + 1);
  const visible = await ctx.access.predicate(target, 'read', ra);
  // An id array (one InitPlan) that the primary key index serves, OR-ed with the other conditions' bitmaps.
  const ids = (parts: RawBuilder<unknown>[]) =>
    parts.length === 0
      ? []
      : [
          sql`${ref(alias, 'id')} = any(array(select ${ref(ra, backColumn)} from ${sql.table(target.table)} as ${sql.table(ra)}
            where ${ref(ra, 'deleted_at')} is null and ${visible} and ${or(parts)}))`,
        ];
  return { exact: ids(inner.exact), fuzzy: ids(inner.fuzzy) };
}

async function matches(ctx: Ctx, obj: ObjectDef, alias: string, t: SearchTerm, depth: number): Promise<Match> {
  const out: Match = { exact: [], fuzzy: [] };
  for (const f of searchFields(obj)) {
    // Masked fields are not searchable: a search is a filter, and would recover the value (SEC-14).
    if (!ctx.access.canQueryField(obj, f)) continue;
    let m: Match | undefined;
    if (f.type !== 'oneToMany') m = fieldMatch(f, alias, t);
    else if (depth < 2 && f.search === 'fuzzy') m = await relatedMatch(ctx, f, alias, t, depth);
    out.exact.push(...(m?.exact ?? []));
    out.fuzzy.push(...(m?.fuzzy ?? []));
  }
  return out;
}

/**
 * Quick search condition (`q=`) over the fields the caller may read. Typo tolerance is a fallback: when nothing
 * inside `scope` (the rest of the read's WHERE on the same alias) matches exactly, the fuzzy conditions are used.
 */
export async function quickSearch(
  ctx: Ctx,
  obj: ObjectDef,
  q: string,
  alias: string,
  scope: RawBuilder<unknown> = sql`true`,
): Promise<RawBuilder<unknown>> {
  const t = parseTerm(q);
  if (!t) return sql`true`;
  const m = await matches(ctx, obj, alias, t, 0);
  if (m.exact.length === 0 && m.fuzzy.length === 0) return sql`false`;
  if (m.fuzzy.length === 0) return or(m.exact);
  const table = sql`${sql.table(obj.table)} as ${sql.table(alias)}`;
  if (m.exact.length) {
    // Not EXISTS: for "the first row will do" the planner scans the table in the hope of an early hit, and a rare
    // query then reads all of it. A small LIMIT keeps the index plan for rare queries and a short scan for common ones.
    const probe = await sql<{ n: number }>`select count(*)::int as n from (select 1 from ${table}
      where ${scope} and ${or(m.exact)} limit 100) as hit`.execute(ctx.db);
    if (probe.rows[0].n > 0) return or(m.exact);
  }
  // Typo tolerance can match tens of thousands of rows ("…专用车"); the closest 1,000 are plenty to rank.
  return sql`${sql.ref(`${alias}.id`)} = any(array(select ${sql.ref(`${alias}.id`)} from ${table}
    where ${scope} and ${or(m.fuzzy)} limit 1000))`;
}

/**
 * Relevance for ordering a searched list that has no explicit sort: exact-field hits first, then text containing
 * the query, then pinyin closeness (shorter, closer names first). Only for queries of 3+ characters: shorter ones
 * match too many rows to rank, and keep the default order.
 */
export function searchRank(ctx: Ctx, obj: ObjectDef, q: string, alias: string): RawBuilder<unknown> | undefined {
  const t = parseTerm(q);
  if (!t || t.length < 3) return undefined;
  const ranks: RawBuilder<unknown>[] = [];
  for (const f of searchFields(obj)) {
    if (f.type === 'oneToMany' || !ctx.access.canQueryField(obj, f)) continue;
    const col = ref(alias, f.column!);
    if (f.search === 'exact') {
      const c = exactCondition(f, alias, t);
      if (c) ranks.push(sql`case when ${c} then 3 else 0 end`);
    } else if (hasShadows(f)) {
      const py = ref(alias, pyColumn(f.column!));
      const hit = sql`case when ${col} ilike ${contains(t.raw)} then 1 else 0 end`;
      if (t.cjk) ranks.push(sql`${hit} + coalesce(similarity(${py}, ${t.pinyin ?? ''}), 0)`);
      else {
        const pyi = ref(alias, pyiColumn(f.column!));
        ranks.push(sql`${hit} + greatest(similarity(${pyi}, ${t.compact}), similarity(${py}, ${t.compact}),
          similarity(${col}, ${t.compact}), 0)`);
      }
    }
  }
  if (ranks.length === 0) return undefined;
  return sql`(greatest(${sql.join(ranks)}, 0))::real`;
}
