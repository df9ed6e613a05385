import type { Filter, Operation, SortKey } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { quickSearch, searchRank } from '../search/quick.ts';
import { compileFilter } from './filter.ts';
import { labelColumns } from './labels.ts';
import type { FieldGate } from './paths.ts';
import { readerReach } from './reach.ts';
import { formatRow, loadExtras, selection } from './select.ts';
import { afterCursor, orderBy, planSort } from './sort.ts';

export interface ListQuery {
  filter?: Filter;
  sort?: SortKey[];
  limit?: number;
  cursor?: string;
  count?: boolean;
  /** Count at most this many (`total` then says "at least"; `totalCapped`): cheap on large tables, never estimated. */
  countUpTo?: number;
  q?: string;
  /** Only these fields (and `id`, `version`): what a view shows, fewer columns and relation labels to read. */
  fields?: string[];
  /** The recycle bin: deleted records instead of live ones. */
  deleted?: boolean;
  /** Related lists (engine use only): records whose many-to-one `column` points at `id`. */
  parentRef?: { column: string; id: number };
}

export interface ListResult {
  data: Record<string, unknown>[];
  nextCursor: string | null;
  total?: number;
  /** More records match than `countUpTo`: `total` is that bound. */
  totalCapped?: boolean;
}

export const readGate =
  (ctx: Ctx): FieldGate =>
  (o, f) =>
    ctx.access.canReadField(o, f);

/** WHERE for a read path: live (or deleted) rows, inside the actor's scope for `op`, matching filter and search. */
export async function readWhere(ctx: Ctx, obj: ObjectDef, q: ListQuery, op: Operation = 'read', alias = 't') {
  const parts: RawBuilder<unknown>[] = [
    q.deleted ? sql`${sql.ref(`${alias}.deleted_at`)} is not null` : sql`${sql.ref(`${alias}.deleted_at`)} is null`,
    await ctx.access.predicate(obj, op, alias),
  ];
  // Every operation on a record needs sight of it: an export (or any other) scope wider than the read scope
  // reaches no further than what the caller may read.
  if (op !== 'read') parts.push(await ctx.access.predicate(obj, 'read', alias));
  if (q.filter !== undefined) {
    const reach = await readerReach(ctx);
    parts.push(
      compileFilter({ registry: ctx.registry, timezone: ctx.timezone, now: new Date(), reach }, obj, q.filter, alias),
    );
  }
  if (q.parentRef) parts.push(sql`${sql.ref(`${alias}.${q.parentRef.column}`)} = ${q.parentRef.id}`);
  if (q.q?.includes('\u0000')) throw new KehuError('BAD_REQUEST', { detail: 'q' });
  if (q.q) parts.push(await quickSearch(ctx, obj, q.q, alias, sql.join(parts, sql` and `)));
  return sql.join(parts, sql` and `);
}

/**
 * The read gate narrowed to the requested fields. A field that does not exist or that the caller may not read is
 * refused alike (`UNKNOWN_FIELD`), as in filters and sorts.
 */
function fieldsGate(ctx: Ctx, obj: ObjectDef, fields: string[] | undefined): FieldGate {
  const gate = readGate(ctx);
  if (fields === undefined) return gate;
  const wanted = new Set(['id', 'version']);
  for (const name of fields) {
    const f = obj.fields.get(name);
    if (!f || f.impl.secret || !gate(obj, f)) throw new KehuError('UNKNOWN_FIELD', { field: name.slice(0, 60) });
    wanted.add(name);
  }
  return (o, f) => (o !== obj || wanted.has(f.name)) && gate(o, f);
}

function decodeCursor(cursor: string, n: number): { values: (string | null)[]; id: number } {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(c.v) &&
      c.v.length === n &&
      Number.isSafeInteger(c.id) &&
      c.v.every((x: unknown) => x === null || typeof x === 'string')
    ) {
      return { values: c.v, id: c.id };
    }
  } catch {
    /* fall through */
  }
  throw new KehuError('INVALID_CURSOR');
}

/** A page of records (keyset pagination), with an optional total. */
export async function listRecords(ctx: Ctx, obj: ObjectDef, q: ListQuery, op: Operation = 'read'): Promise<ListResult> {
  if (ctx.access.scope(obj.name, op) === 'none') throw new KehuError('FORBIDDEN');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const reach = await readerReach(ctx);
  const sel = selection(obj, 't', fieldsGate(ctx, obj, q.fields));
  const plan = planSort(ctx.registry, obj, q.sort ?? [], reach);
  // A search without an explicit order lists the best matches first (CUS-3).
  const rank = q.q && plan.keys.length === 0 ? searchRank(ctx, obj, q.q, 't') : undefined;
  if (rank) plan.keys.push({ expr: rank, dir: 'desc', cast: 'real', nullable: false });
  const where = [await readWhere(ctx, obj, q, op)];
  if (q.cursor) {
    const c = decodeCursor(q.cursor, plan.keys.length);
    where.push(afterCursor(plan, c.values, c.id));
  }
  const sortCols = plan.keys.map((k, i) => sql`(${k.expr})::text as ${sql.ref(`$s${i}`)}`);
  const query = sql<Record<string, any>>`select ${sql.join([...sel.columns, ...sortCols])}
    from ${sql.table(obj.table)} as t ${sql.join(plan.joins, sql` `)}
    where ${sql.join(where, sql` and `)}
    order by ${orderBy(plan)} limit ${limit + 1}`;
  const [rows, total] = await Promise.all([
    // A forged cursor value that does not cast to the sort column's type is the client's error, not ours.
    query.execute(ctx.db).catch((err) => {
      throw q.cursor && /^22/.test(String(err?.code)) ? new KehuError('INVALID_CURSOR') : err;
    }),
    q.count || q.countUpTo
      ? countRecords(ctx, obj, q, op, q.count ? undefined : q.countUpTo)
      : Promise.resolve(undefined),
  ]);
  const page = rows.rows.slice(0, limit);
  await loadExtras(ctx.db, ctx.registry, obj, sel.fields, page, reach);
  const last = page[page.length - 1];
  const nextCursor =
    rows.rows.length > limit && last
      ? Buffer.from(JSON.stringify({ v: plan.keys.map((_, i) => last[`$s${i}`] ?? null), id: last.id })).toString(
          'base64url',
        )
      : null;
  const result: ListResult = { data: page.map((r) => ctx.access.visible(obj, formatRow(r, sel.fields))), nextCursor };
  if (total !== undefined) result.total = total;
  if (total !== undefined && !q.count && q.countUpTo !== undefined && total > q.countUpTo) {
    result.total = q.countUpTo;
    result.totalCapped = true;
  }
  return result;
}

/** The number of matching records; with `upTo`, counting stops after upTo + 1 (the caller learns "more than"). */
export async function countRecords(
  ctx: Ctx,
  obj: ObjectDef,
  q: ListQuery,
  op: Operation = 'read',
  upTo?: number,
): Promise<number> {
  const where = await readWhere(ctx, obj, q, op);
  const r =
    upTo === undefined
      ? await sql<{ n: string }>`select count(*) as n from ${sql.table(obj.table)} as t where ${where}`.execute(ctx.db)
      : await sql<{ n: string }>`select count(*) as n from (select 1 from ${sql.table(obj.table)} as t where ${where}
          limit ${upTo + 1}) as c`.execute(ctx.db);
  return Number(r.rows[0].n);
}

/** One record by id inside the actor's scope, or NOT_FOUND (no existence leak). */
export async function getRecord(
  ctx: Ctx,
  obj: ObjectDef,
  id: number,
  opts: { deleted?: boolean; op?: Operation } = {},
) {
  const sel = selection(obj, 't', readGate(ctx));
  const where = await readWhere(ctx, obj, { deleted: opts.deleted }, opts.op ?? 'read');
  const reach = await readerReach(ctx);
  const labels = labelColumns(ctx.registry, sel.fields, 't', reach);
  const r = await sql<Record<string, any>>`select ${sql.join([...sel.columns, ...labels.columns])}
    from ${sql.table(obj.table)} as t where t.id = ${id} and ${where}`.execute(ctx.db);
  if (!r.rows[0]) throw new KehuError('NOT_FOUND');
  labels.settle(r.rows);
  await loadExtras(ctx.db, ctx.registry, obj, sel.fields, r.rows, reach, { labels: false });
  return ctx.access.visible(obj, formatRow(r.rows[0], sel.fields));
}

/** Every page of a list (keyset paging, same access checks), stopping once `max` records are read. */
export async function listAllRecords(
  ctx: Ctx,
  obj: ObjectDef,
  q: Omit<ListQuery, 'limit' | 'cursor' | 'count'> = {},
  max = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(ctx, obj, { ...q, limit: 500, cursor });
    out.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}
