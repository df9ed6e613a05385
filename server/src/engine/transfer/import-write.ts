import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { Row } from '../fields/field-type.ts';
import { diff } from '../history/history.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { formatRow, loadExtras, selection } from '../query/select.ts';
import { authorizeExisting, authorizeOwner } from '../records/authorize.ts';
import type { WriteEvent } from '../records/hooks.ts';
import type { ParsedInput } from '../records/input.ts';
import { mapDbError } from '../records/pg-errors.ts';
import { updateRow } from '../records/write.ts';

/** One row that passed validation, about to be written. */
export interface WritePlan {
  row: number;
  action: 'create' | 'update';
  /** The record to update; set for creates once inserted. */
  id?: number;
  parsed: ParsedInput;
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

type Fetched = Map<number, { row: Row; record: Record<string, unknown> }>;

/** Full records (every non-secret field, API form) for many ids at once: the batch form of fetchFull. */
export async function fetchMany(ctx: Ctx, obj: ObjectDef, ids: number[], lock = false): Promise<Fetched> {
  const out: Fetched = new Map();
  if (ids.length === 0) return out;
  const sel = selection(ctx.registry, obj);
  const r =
    await sql<Row>`select ${sql.join(sel.columns)} from ${sql.table(obj.table)} as t ${sql.join(sel.joins, sql` `)}
    where t.id = any(${ids}::bigint[]) ${lock ? sql`for update of t` : sql``}`.execute(ctx.db);
  await loadExtras(ctx.db, ctx.registry, obj, sel.fields, r.rows);
  for (const row of r.rows) out.set(Number(row.id), { row, record: formatRow(row, sel.fields) });
  return out;
}

/** One multi-row INSERT; columns a row does not give take their defaults. Ids come back in row order. */
async function insertMany(ctx: Ctx, obj: ObjectDef, rows: Record<string, unknown>[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) names.add(k);
  const cols = [...names];
  const user = ctx.actor.userId || null;
  const tuples = rows.map(
    (r) => sql`(${sql.join([...cols.map((c) => (c in r ? sql`${r[c]}` : sql`default`)), sql`${user}`, sql`${user}`])})`,
  );
  const res = await sql<{ id: number }>`insert into ${sql.table(obj.table)}
    (${sql.join([...cols.map((c) => sql.ref(c)), sql.ref('created_by'), sql.ref('updated_by')])})
    values ${sql.join(tuples)} returning id`.execute(ctx.db);
  return res.rows.map((r) => Number(r.id));
}

/** Versions of many records in one statement (SEC-10), in the import's transaction. */
async function insertHistory(
  ctx: Ctx,
  obj: ObjectDef,
  entries: Array<{ id: number; action: string; before?: Row; after: Row }>,
) {
  if (obj.noHistory || entries.length === 0) return;
  const a = ctx.actor;
  const ua = ctx.userAgent?.slice(0, 300) ?? null;
  for (let i = 0; i < entries.length; i += 1000) {
    const tuples = entries.slice(i, i + 1000).map(
      (e) => sql`(${obj.name}, ${e.id}, ${e.after.version}, ${e.action}, ${a.userId || null}, ${a.onBehalfOf ?? null},
        ${ctx.ip ?? null}, ${ua}, ${JSON.stringify(diff(e.before, e.after))}, ${JSON.stringify(e.after)})`,
    );
    await sql`insert into sys_history (object, record_id, version, action, actor_id, on_behalf_of, ip, user_agent, changes, snapshot)
      values ${sql.join(tuples)}`.execute(ctx.db);
  }
}

const normal = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

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
    if (!env.dryRun) {
      for (const f of fill) {
        const pc = {
          db: env.codeDb,
          object: obj,
          field: f,
          userId: tx.actor.userId,
          timezone: tx.timezone,
          objectDef: (n: string) => tx.registry.get(n),
        };
        Object.assign(e.values, await f.impl.fillOnCreate!(pc));
      }
    }
    events.set(p, e);
  }
  try {
    const ids = await insertMany(
      tx,
      obj,
      creates.map((p) => events.get(p)!.values),
    );
    creates.forEach((p, i) => {
      p.id = ids[i];
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
    const differs = Object.entries(values).some(([c, v]) => JSON.stringify(v) !== JSON.stringify(normal(b.row[c])));
    if (!differs && p.parsed.links.length === 0) continue;
    await updateRow(tx, obj, p.id!, values, p.parsed.links);
    events.set(p, e);
    changed.push(p);
  }
  const written = [...creates, ...changed];
  const after = await fetchMany(
    tx,
    obj,
    written.map((p) => p.id!),
  );
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
