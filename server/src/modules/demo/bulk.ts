import { sql } from 'kysely';
import type { Ctx } from '../../engine/context.ts';
import { reserveCodes } from '../../engine/fields/auto-number.field.ts';
import { diff } from '../../engine/history/history.ts';
import type { FieldDef, ObjectDef } from '../../engine/metadata/types.ts';
import { fetchMany } from '../../engine/transfer/records-batch.ts';

/** Marks the history entries of generated data (user agent of the version), so they can be told apart. */
export const demoMarker = 'kehu demo data';

const builtinColumns: Record<string, string> = { createdAt: 'created_at', createdBy: 'created_by' };
const relations = new Set(['manyToOne', 'owner']);

/** One record's input → column values through each field type's parse (normalised, pinyin shadows included). */
async function columnsOf(ctx: Ctx, obj: ObjectDef, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (builtinColumns[name]) {
      out[builtinColumns[name]] = value;
      continue;
    }
    const f: FieldDef | undefined = obj.fields.get(name);
    if (!f) throw new Error(`demo data: ${obj.name} has no field ${name}`);
    // Relations point at records this seeding has just created: trusted, no lookup per row.
    if (relations.has(f.type)) out[f.column!] = value;
    else Object.assign(out, await f.impl.parse(value, parseContext(ctx, obj, f, input)));
  }
  for (const f of obj.fields.values()) {
    if (f.impl.fillOnCreate && f.type !== 'autoNumber') {
      Object.assign(out, await f.impl.fillOnCreate(parseContext(ctx, obj, f, input)));
    }
  }
  out.created_by ??= ctx.actor.userId || null;
  out.updated_by = out.created_by;
  if (out.created_at) out.updated_at = out.created_at;
  return out;
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

/**
 * Insert generated records in batches, each with its version 1 "create" history entry (the API form read back
 * through the engine's selection, as the pipeline stores it). For demo and benchmark data only: no hooks, no
 * events, relations trusted. Returns the new ids in input order.
 */
export async function insertRecords(
  ctx: Ctx,
  objectName: string,
  inputs: Record<string, unknown>[],
): Promise<number[]> {
  const obj = ctx.registry.get(objectName);
  const ids: number[] = [];
  for (let i = 0; i < inputs.length; i += 500) {
    const rows = [];
    for (const input of inputs.slice(i, i + 500)) rows.push(await columnsOf(ctx, obj, input));
    // Auto numbers for the whole batch with one counter update.
    for (const f of obj.fields.values()) {
      if (f.type !== 'autoNumber') continue;
      const codes = await reserveCodes(ctx.db, obj.name, f, ctx.timezone, rows.length);
      rows.forEach((row, n) => {
        row[f.column!] = codes[n];
      });
    }
    const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const tuples = rows.map((r) => sql`(${sql.join(cols.map((c) => (c in r ? sql`${r[c]}` : sql`default`)))})`);
    const res = await sql<{ id: string }>`insert into ${sql.table(obj.table)} (${sql.join(cols.map((c) => sql.ref(c)))})
      values ${sql.join(tuples)} returning id`.execute(ctx.db);
    const batch = res.rows.map((r) => Number(r.id));
    await writeHistory(ctx, obj, batch);
    ids.push(...batch);
  }
  return ids;
}

async function writeHistory(ctx: Ctx, obj: ObjectDef, ids: number[]): Promise<void> {
  if (obj.noHistory || ids.length === 0) return;
  const fetched = await fetchMany(ctx, obj, ids);
  const tuples = [...fetched.values()].map(({ row, record: after }) => {
    return sql`(${obj.name}, ${row.id}, 1, 'create', ${row.created_by ?? null}, null, null, ${demoMarker},
      ${JSON.stringify(diff(undefined, after))}, ${JSON.stringify(after)}, ${row.created_at})`;
  });
  await sql`insert into sys_history (object, record_id, version, action, actor_id, on_behalf_of, ip, user_agent, changes,
      snapshot, at) values ${sql.join(tuples)}`.execute(ctx.db);
}
