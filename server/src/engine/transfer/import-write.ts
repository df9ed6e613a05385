import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { reserveCodes } from '../fields/auto-number.field.ts';
import type { Row } from '../fields/field-type.ts';
import { diff } from '../history/history.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { authorizeExisting, authorizeOwner } from '../records/authorize.ts';
import type { WriteEvent } from '../records/hooks.ts';
import type { ParsedInput } from '../records/input.ts';
import { mapDbError } from '../records/pg-errors.ts';
import { updateRow } from '../records/write.ts';
import type { OutcomeMatch } from './import-progress.ts';
import { type Fetched, fetchMany, formatReturned, returnedColumns } from './records-batch.ts';
import type { Cell } from './spreadsheet-reader.ts';

/** One row that passed validation, about to be written. */
export interface WritePlan {
  row: number;
  action: 'create' | 'update';
  /** The record to update; set for creates once inserted. */
  id?: number;
  parsed: ParsedInput;
  /** The row as read (for the error file, should the write fail). */
  cells: Cell[];
  /** Updates: the record the row matched, and why. */
  match?: OutcomeMatch;
  /** Set by the write: an update that changed nothing. */
  unchanged?: boolean;
}

export interface WriteOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

export interface WriteEnv {
  dryRun: boolean;
  /**
   * Connection outside the import transaction for system-assigned codes: like a sequence, a long import must not
   * hold the counter row locked against everyone else's creates (a rolled-back import leaves gaps).
   */
  codeDb: Db;
}

/** SQL types of an object's columns, for typed array parameters. */
function columnTypes(obj: ObjectDef): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of obj.fields.values()) for (const c of f.impl.columns(f)) if (!c.generated) out.set(c.name, c.sql);
  return out;
}

/**
 * All new rows in one INSERT … SELECT FROM unnest(typed arrays): one parameter per column instead of one per
 * value, which PostgreSQL parses and plans far faster than a long VALUES list. Array columns (tags) cannot go
 * through unnest; those objects use a VALUES list. The new rows come back whole, in row order.
 */
async function insertMany(ctx: Ctx, obj: ObjectDef, rows: Record<string, unknown>[]): Promise<Row[]> {
  if (rows.length === 0) return [];
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) names.add(k);
  const cols = [...names];
  const types = columnTypes(obj);
  const user = ctx.actor.userId || null;
  const target = sql.join([...cols.map((c) => sql.ref(c)), sql.ref('created_by'), sql.ref('updated_by')]);
  let source: RawBuilder<unknown>;
  if (cols.every((c) => types.has(c) && !types.get(c)!.endsWith(']'))) {
    const arrays = cols.map((c) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(`${types.get(c)}[]`)}`);
    const alias = sql.join(cols.map((_, i) => sql.ref(`c${i}`)));
    source = sql`select ${alias}, ${user}::bigint, ${user}::bigint from unnest(${sql.join(arrays)}) as u(${alias})`;
  } else {
    const tuples = rows.map(
      (r) =>
        sql`(${sql.join([...cols.map((c) => (c in r ? sql`${r[c]}` : sql`default`)), sql`${user}`, sql`${user}`])})`,
    );
    source = sql`values ${sql.join(tuples)}`;
  }
  const res = await sql<Row>`insert into ${sql.table(obj.table)} (${target}) ${source}
    returning ${sql.join(returnedColumns(obj).map((c) => sql.ref(c)))}`.execute(ctx.db);
  return res.rows;
}

/**
 * Versions of many records in one statement (SEC-10), in the import's transaction. The batch travels as one JSON
 * document (jsonb_to_recordset): cheaper to send and parse than an array of JSON texts.
 */
async function insertHistory(
  ctx: Ctx,
  obj: ObjectDef,
  entries: Array<{ id: number; action: string; before?: Row; after: Row }>,
) {
  if (obj.noHistory || entries.length === 0) return;
  const a = ctx.actor;
  const ua = ctx.userAgent?.slice(0, 300) ?? null;
  const doc = JSON.stringify(
    entries.map((e) => ({
      i: e.id,
      v: e.after.version,
      a: e.action,
      c: diff(e.before, e.after),
      s: e.after,
    })),
  );
  await sql`insert into sys_history (object, record_id, version, action, actor_id, on_behalf_of, ip, user_agent, changes, snapshot)
    select ${obj.name}, u.i, u.v, u.a, ${a.userId || null}::bigint, ${a.onBehalfOf ?? null}::bigint, ${ctx.ip ?? null}, ${ua}, u.c, u.s
    from jsonb_to_recordset(${doc}::jsonb) as u(i bigint, v integer, a text, c jsonb, s jsonb)`.execute(ctx.db);
}

const normal = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
/** Decimal text without insignificant zeros: "120000.5" written over a stored "120000.50" changes nothing. */
const decimal = (v: unknown) =>
  typeof v === 'string' && /^-?\d+\.\d+$/.test(v) ? v.replace(/0+$/, '').replace(/\.$/, '') : v;

/**
 * Write a batch of validated rows the way the records pipeline writes one: before-hooks, system-assigned values,
 * the rows, links, a version per record, after-hooks — with one INSERT for all new rows and one history
 * statement. Throws on the first failure; the caller isolates the failing row.
 */
export async function writeBatch(tx: Ctx, obj: ObjectDef, plans: WritePlan[], env: WriteEnv): Promise<WriteOutcome> {
  const creates = plans.filter((p) => p.action === 'create');
  const updates = plans.filter((p) => p.action === 'update');
  const events = new Map<WritePlan, WriteEvent>();
  const fill = [...obj.fields.values()].filter((f) => f.impl.fillOnCreate);
  for (const p of creates) {
    const e: WriteEvent = { action: 'create', object: obj, values: p.parsed.columns };
    await tx.registry.hooks.run('before', tx, e);
    events.set(p, e);
  }
  for (const f of env.dryRun || creates.length === 0 ? [] : fill) {
    if (f.type === 'autoNumber') {
      // One counter update for the batch: one per row would commit (and flush) once per row.
      const codes = await reserveCodes(env.codeDb, obj.name, f, tx.timezone, creates.length);
      creates.forEach((p, i) => {
        events.get(p)!.values[f.column!] = codes[i];
      });
      continue;
    }
    const pc = {
      db: env.codeDb,
      object: obj,
      field: f,
      userId: tx.actor.userId,
      timezone: tx.timezone,
      objectDef: (n: string) => tx.registry.get(n),
    };
    for (const p of creates) Object.assign(events.get(p)!.values, await f.impl.fillOnCreate!(pc));
  }
  let inserted: Row[];
  try {
    inserted = await insertMany(
      tx,
      obj,
      creates.map((p) => events.get(p)!.values),
    );
    creates.forEach((p, i) => {
      p.id = Number(inserted[i].id);
    });
    for (const p of creates)
      for (const l of p.parsed.links) await l.field.impl.writeLinks?.(tx.db, l.field, obj, p.id!, l.value);
  } catch (err) {
    throw mapDbError(err, obj);
  }
  const before = await fetchMany(
    tx,
    obj,
    updates.map((p) => p.id!),
    true,
  );
  const changed: WritePlan[] = [];
  const types = columnTypes(obj);
  for (const p of updates) {
    const b = before.get(p.id!);
    if (!b || b.row.deleted_at) throw new KehuError('NOT_FOUND');
    const values = p.parsed.columns;
    const col = obj.ownerField?.column;
    if (col && values[col] !== undefined && values[col] !== b.row[col]) {
      // Changing the owner is an assignment (CUS-7), as in updateRecord.
      await authorizeExisting(tx, obj, p.id!, 'assign');
      await authorizeOwner(tx, obj, 'assign', values[col] as number | null);
    }
    const e: WriteEvent = { action: 'update', object: obj, id: p.id, before: b.record, values };
    await tx.registry.hooks.run('before', tx, e);
    const differs = Object.entries(values).some(([c, v]) =>
      types.get(c)?.startsWith('numeric')
        ? decimal(v) !== decimal(normal(b.row[c]))
        : JSON.stringify(v) !== JSON.stringify(normal(b.row[c])),
    );
    if (!differs && p.parsed.links.length === 0) {
      p.unchanged = true;
      continue;
    }
    await updateRow(tx, obj, p.id!, values, p.parsed.links);
    events.set(p, e);
    changed.push(p);
  }
  const written = [...creates, ...changed];
  // New rows are formatted from what the INSERT returned; updated ones are read again.
  const after: Fetched = await formatReturned(tx, obj, inserted);
  for (const [id, v] of await fetchMany(
    tx,
    obj,
    changed.map((p) => p.id!),
  ))
    after.set(id, v);
  await insertHistory(
    tx,
    obj,
    written.map((p) => ({
      id: p.id!,
      action: p.action,
      before: before.get(p.id!)?.record,
      after: after.get(p.id!)!.record,
    })),
  );
  for (const p of written) {
    const e = events.get(p)!;
    e.id = p.id;
    e.after = after.get(p.id!)!.record;
    await tx.registry.hooks.run('after', tx, e);
  }
  return { created: creates.length, updated: changed.length, unchanged: updates.length - changed.length };
}
