import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Ctx } from '../context.ts';
import { reserveCodes } from '../fields/auto-number.field.ts';
import type { Row } from '../fields/field-type.ts';
import { linkTableName } from '../fields/many-to-many.field.ts';
import { diff } from '../history/history.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import { formatReturned } from '../transfer/records-batch.ts';

/** Marks the history entries of generated data (user agent of the version), so they can be told apart. */
export const demoMarker = 'kehu demo data';

const builtin: Record<string, { column: string; type: string }> = {
  createdAt: { column: 'created_at', type: 'timestamptz' },
  createdBy: { column: 'created_by', type: 'bigint' },
};
const audit: Record<string, string> = {
  created_at: 'timestamptz',
  created_by: 'bigint',
  updated_at: 'timestamptz',
  updated_by: 'bigint',
};
const trusted = new Set(['manyToOne', 'owner']);

export interface LoadOptions {
  /** The history entries' user agent (default: demo data). */
  marker?: string;
  /** Rows per INSERT (default 1,000). */
  batch?: number;
}

function parseContext(ctx: Ctx, obj: ObjectDef, field: FieldDef, input: Record<string, unknown>) {
  return {
    db: ctx.db,
    object: obj,
    field,
    userId: ctx.actor.userId,
    timezone: ctx.timezone,
    objectDef: (n: string) => ctx.registry.get(n),
    input,
  };
}

/** One input → column values through each field type's parse (normalised, search shadows included) and its links. */
async function columnsOf(ctx: Ctx, obj: ObjectDef, input: Record<string, unknown>) {
  const row: Record<string, unknown> = {};
  const links = new Map<FieldDef, number[]>();
  // Declared defaults, as a create through the pipeline applies them.
  const values = { ...input };
  for (const f of obj.fields.values())
    if (values[f.name] === undefined && f.default !== undefined && f.impl.writable) values[f.name] = f.default;
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (builtin[name]) {
      row[builtin[name].column] = value;
      continue;
    }
    const f = obj.fields.get(name);
    if (!f) throw new Error(`bulk load: ${obj.name} has no field ${name}`);
    // Relations point at records the same load has just created: trusted, no lookup per row.
    if (trusted.has(f.type)) row[f.column!] = value;
    else if (f.type === 'manyToMany') links.set(f, (value as unknown[]).map(Number));
    else Object.assign(row, await f.impl.parse(value, parseContext(ctx, obj, f, input)));
  }
  for (const f of obj.fields.values()) {
    if (f.impl.fillOnCreate && f.type !== 'autoNumber')
      Object.assign(row, await f.impl.fillOnCreate(parseContext(ctx, obj, f, input)));
  }
  row.created_by ??= ctx.actor.userId || null;
  row.updated_by = row.created_by;
  if (row.created_at) row.updated_at = row.created_at;
  return { row, links };
}

/** SQL type of every storage column of the object (the engine's own declarations). */
function columnTypes(obj: ObjectDef): Map<string, string> {
  const out = new Map(Object.entries(audit));
  for (const f of obj.fields.values()) for (const c of f.impl.columns(f)) if (!c.generated) out.set(c.name, c.sql);
  return out;
}

/**
 * Insert generated records (demo data, benchmark and seed data) in batches: each input goes through its fields'
 * parsing (normalised values, search shadows, auto numbers reserved per batch), many-to-many links are written,
 * and each record gets its version 1 "create" history entry in the API form the pipeline stores. No hooks, no
 * events, no access checks and relations trusted: for data the engine's caller generates, never for user input
 * (that is the import's job). One INSERT per batch over column arrays (`unnest`). Returns the ids in input order.
 */
export async function loadRecords(
  ctx: Ctx,
  objectName: string,
  inputs: Record<string, unknown>[],
  opts: LoadOptions = {},
): Promise<number[]> {
  const obj = ctx.registry.get(objectName);
  const types = columnTypes(obj);
  const size = opts.batch ?? 1000;
  const ids: number[] = [];
  for (let i = 0; i < inputs.length; i += size) {
    const parsed = [];
    for (const input of inputs.slice(i, i + size)) parsed.push(await columnsOf(ctx, obj, input));
    const rows = parsed.map((p) => p.row);
    for (const f of obj.fields.values()) {
      if (f.type !== 'autoNumber') continue;
      const codes = await reserveCodes(ctx.db, obj.name, f, ctx.timezone, rows.length);
      rows.forEach((row, n) => {
        row[f.column!] ??= codes[n];
      });
    }
    const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    for (const c of cols) if (!types.has(c)) throw new Error(`bulk load: ${obj.name} has no column ${c}`);
    // Columns that some rows leave out keep their defaults in those rows: rows are written in groups with the same
    // columns.
    const groups = new Map<string, number[]>();
    rows.forEach((r, n) => {
      const key = cols.filter((c) => c in r).join(',');
      const members = groups.get(key);
      if (members) members.push(n);
      else groups.set(key, [n]);
    });
    const batchIds = new Array<number>(rows.length);
    const returned: Row[] = [];
    for (const [key, members] of groups) {
      const these = key.split(',');
      // Every column travels as text[] and is cast to its type per row: one statement for the whole group.
      const arrays = these.map((c) => sql`${members.map((n) => asText(rows[n][c], types.get(c)!))}::text[]`);
      const casts = these.map((c, k) => sql`${sql.ref(`u.c${k}`)}::${sql.raw(types.get(c)!)}`);
      const names = these.map((_, k) => sql.ref(`c${k}`));
      const res = await sql<Row>`insert into ${sql.table(obj.table)} (${sql.join(these.map((c) => sql.ref(c)))})
        select ${sql.join(casts)} from unnest(${sql.join(arrays)}) as u(${sql.join(names)})
        returning ${obj.noHistory ? sql.ref('id') : sql`*`}`.execute(ctx.db);
      res.rows.forEach((r, k) => {
        batchIds[members[k]] = Number(r.id);
      });
      returned.push(...res.rows);
    }
    await writeLinks(ctx.db, obj, parsed, batchIds);
    await writeHistory(ctx, obj, returned, opts.marker ?? demoMarker);
    ids.push(...batchIds);
  }
  return ids;
}

/** A column value as the text PostgreSQL casts back to the column's type. */
export function asText(v: unknown, type: string): string | null {
  if (v === undefined || v === null) return null;
  if (type === 'jsonb') return typeof v === 'string' ? v : JSON.stringify(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v))
    return `{${v.map((x) => (x === null ? 'NULL' : `"${String(x).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

async function writeLinks(db: Db, obj: ObjectDef, parsed: { links: Map<FieldDef, number[]> }[], ids: number[]) {
  const byField = new Map<FieldDef, { a: number[]; b: number[] }>();
  parsed.forEach((p, n) => {
    for (const [f, targets] of p.links) {
      const e = byField.get(f) ?? { a: [], b: [] };
      for (const t of new Set(targets)) {
        e.a.push(ids[n]);
        e.b.push(t);
      }
      byField.set(f, e);
    }
  });
  for (const [f, { a, b }] of byField) {
    if (a.length === 0) continue;
    await sql`insert into ${sql.table(f.linkTable ?? linkTableName(obj.table, f.name))} (a_id, b_id) select * from unnest(${a}::bigint[], ${b}::bigint[])
      on conflict do nothing`.execute(db);
  }
}

async function writeHistory(ctx: Ctx, obj: ObjectDef, returned: Row[], marker: string): Promise<void> {
  if (obj.noHistory || returned.length === 0) return;
  const fetched = await formatReturned(ctx, obj, returned);
  const tuples = [...fetched.values()].map(({ row, record: after }) => {
    return sql`(${obj.name}, ${row.id}, 1, 'create', ${row.created_by ?? null}, null, null, ${marker},
      ${JSON.stringify(diff(undefined, after))}, ${JSON.stringify(after)}, ${row.created_at})`;
  });
  await sql`insert into sys_history (object, record_id, version, action, actor_id, on_behalf_of, ip, user_agent, changes,
      snapshot, at) values ${sql.join(tuples)}`.execute(ctx.db);
}

/** Secondary indexes of `tables` (definitions, to build them again). */
async function secondaryIndexes(db: Db, tables: string[]): Promise<Array<{ name: string; def: string }>> {
  const r = await sql<{ name: string; def: string }>`select i.relname as name, pg_get_indexdef(x.indexrelid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relname = any(${tables}::text[]) and t.relnamespace = current_schema()::regnamespace
      and not x.indisprimary`.execute(db);
  return r.rows;
}

/**
 * A large load of generated data into `objects`: one connection with bulk settings (no synchronous commit, more
 * maintenance memory); with `rebuildIndexes` the tables' secondary indexes are dropped first and built again at
 * the end (much faster; searches are slow meanwhile — for benchmark and seed databases, not a busy installation),
 * and the tables are analysed. `fn` gets a context on that connection; it commits its batches itself.
 */
export async function bulkSession<T>(
  ctx: Ctx,
  objects: string[],
  opts: { rebuildIndexes?: boolean; log?: (line: string) => void },
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  const tables = objects.map((o) => ctx.registry.get(o).table);
  return ctx.db.connection().execute(async (db) => {
    await sql`set maintenance_work_mem = '1GB'`.execute(db);
    await sql`set synchronous_commit = off`.execute(db);
    const indexes = opts.rebuildIndexes ? await secondaryIndexes(db, tables) : [];
    for (const ix of indexes) await sql`drop index if exists ${sql.ref(ix.name)}`.execute(db);
    try {
      return await fn({ ...ctx, db });
    } finally {
      if (indexes.length) opts.log?.(`  building ${indexes.length} indexes …`);
      for (const ix of indexes) await sql.raw(ix.def).execute(db);
      for (const t of tables) await sql`analyze ${sql.table(t)}`.execute(db);
      await sql`reset synchronous_commit`.execute(db);
      await sql`reset maintenance_work_mem`.execute(db);
    }
  });
}
