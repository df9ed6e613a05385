import { type RawBuilder, sql } from 'kysely';
import { clientOf, copyIn, copyLine } from '../../db/copy.ts';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { reserveCodes } from '../fields/auto-number.field.ts';
import type { Row } from '../fields/field-type.ts';
import { linkTableName } from '../fields/many-to-many.field.ts';
import { createdJson } from '../history/history.ts';
import { fullReach } from '../query/reach.ts';
import { formatRow, loadExtras, selection } from '../query/select.ts';
import type { WriteEvent } from '../records/hooks.ts';
import { mapDbError } from '../records/pg-errors.ts';
import { isRowFailure, type Progress, report, rowErrors } from './import-progress.ts';
import type { ImportSpec } from './import-rows.ts';
import type { ImportStage } from './import-stage.ts';
import { returnedColumns } from './records-batch.ts';

const stage = sql.table('kehu_import_stage');
const pass = sql.table('kehu_import_pass');
/** Records read back per step (history and after-hooks), and a progress update after each: about 5 % of them. */
const chunkOf = (n: number) => Math.min(10_000, Math.max(1000, Math.ceil(n / 20)));

/** Refused staged rows: reported with their cells, never written. */
async function refusals(tx: Ctx, spec: ImportSpec, st: ImportStage, p: Progress, list: Refusal[]): Promise<void> {
  if (list.length === 0) return;
  const cells = await st.cells(
    tx,
    list.map((r) => r.row),
  );
  for (const r of list) report(p, rowErrors(r.row, r.error, spec), cells.get(r.row));
}

type Refusal = { row: number; error: KehuError };

/** The INSERT … SELECT of the numbered rows `lo`..`hi`, with their many-to-many links. */
async function insertRange(tx: Ctx, st: ImportStage, codes: string[], lo: number, hi: number) {
  const obj = st.obj;
  const user = tx.actor.userId || null;
  const cols = [...st.used].filter((c) => !codes.includes(c));
  const target = [
    sql.ref('id'),
    ...[...cols, ...codes].map((c) => sql.ref(c)),
    sql.ref('created_by'),
    sql.ref('updated_by'),
  ];
  const values: RawBuilder<unknown>[] = [
    sql.ref('r.kehu_id'),
    ...cols.map((c) => st.cast(c)),
    ...codes.map((_, i) => sql`r.kehu_codes[${sql.lit(i + 1)}]`),
    sql`${user}::bigint`,
    sql`${user}::bigint`,
  ];
  const range = sql`r.kehu_n between ${lo} and ${hi}`;
  await sql`insert into ${sql.table(obj.table)} (${sql.join(target)})
    select ${sql.join(values)} from ${stage} as s join ${pass} as r on r.kehu_row = s.kehu_row
    where ${range}`.execute(tx.db);
  for (const [f, list] of st.links) {
    const rows = list.flatMap((l) => [...new Set(l.ids)].map(() => l.row));
    const ids = list.flatMap((l) => [...new Set(l.ids)]);
    if (ids.length === 0) continue;
    await sql`insert into ${sql.table(f.linkTable ?? linkTableName(obj.table, f.name))} (a_id, b_id)
      select r.kehu_id, u.b from unnest(${rows}::int[], ${ids}::bigint[]) as u(rn, b)
      join ${pass} as r on r.kehu_row = u.rn where ${range} on conflict do nothing`.execute(tx.db);
  }
}

/**
 * Insert the numbered rows `lo`..`hi` of `rows`; a row that the table refuses (a constraint, a value out of range)
 * is found by halving the range under savepoints and reported, the others are written.
 */
async function insertSafely(
  tx: Ctx,
  spec: ImportSpec,
  st: ImportStage,
  p: Progress,
  pass: { rows: number[]; codes: string[] },
  lo: number,
  hi: number,
): Promise<void> {
  await sql`savepoint kehu_insert`.execute(tx.db);
  try {
    await insertRange(tx, st, pass.codes, lo, hi);
    await sql`release savepoint kehu_insert`.execute(tx.db);
    return;
  } catch (err) {
    await sql`rollback to savepoint kehu_insert`.execute(tx.db);
    await sql`release savepoint kehu_insert`.execute(tx.db);
    if (!isRowFailure(err)) throw err;
    if (lo === hi) {
      const e = mapDbError(err, st.obj);
      const error = e instanceof KehuError ? e : new KehuError('VALIDATION_FAILED');
      await refusals(tx, spec, st, p, [{ row: pass.rows[lo - 1], error }]);
      return;
    }
  }
  const mid = Math.floor((lo + hi) / 2);
  await insertSafely(tx, spec, st, p, pass, lo, mid);
  await insertSafely(tx, spec, st, p, pass, mid + 1, hi);
}

/** COPY lines of the versions (SEC-10) of new records, as the pipeline stores them. */
function historyLines(tx: Ctx, spec: ImportSpec, records: Array<{ id: number; after: Record<string, unknown> }>) {
  const a = tx.actor;
  const ua = tx.userAgent?.slice(0, 300) ?? null;
  const who = [a.userId ? String(a.userId) : null, a.onBehalfOf ? String(a.onBehalfOf) : null, tx.ip ?? null, ua];
  const head = [spec.obj.name];
  return records.map((r) => {
    const json = createdJson(r.after);
    return copyLine([...head, String(r.id), String(r.after.version), 'create', ...who, json.changes, json.snapshot]);
  });
}

/**
 * After the insert: read the new records back in chunks, keep a version of each (one COPY per chunk), run the
 * after-hooks. The next chunk is read and formatted while the server stores the previous chunk's versions.
 */
async function finish(tx: Ctx, spec: ImportSpec, st: ImportStage, p: Progress, n: number, tick: () => Promise<void>) {
  const cols = returnedColumns(st.obj).map((c) => sql.ref(`t.${c}`));
  const sel = selection(st.obj);
  const created = new Map<number, number>();
  const client = await clientOf(tx.db);
  let storing: Promise<unknown> = Promise.resolve();
  try {
    const chunk = chunkOf(n);
    for (let lo = 1; lo <= n; lo += chunk) {
      const r = await sql<Row>`select ${sql.join(cols)}, s.kehu_row from ${pass} as s
        join ${sql.table(st.obj.table)} as t on t.id = s.kehu_id
        where s.kehu_n between ${lo} and ${lo + chunk - 1} order by s.kehu_n`.execute(tx.db);
      await loadExtras(tx.db, tx.registry, st.obj, sel.fields, r.rows, fullReach);
      await storing;
      const records = r.rows.map((row) => ({ id: Number(row.id), row, after: formatRow(row, sel.fields) }));
      if (!spec.obj.noHistory && records.length) {
        const lines = historyLines(tx, spec, records);
        storing = copyIn(client, historyCopy, lines);
        storing.catch(() => undefined); // awaited below
      }
      for (const x of records) {
        // The values written, as stored (the row read back, without the staging's row number).
        const { kehu_row: _, ...values } = x.row;
        const e: WriteEvent = { action: 'create', object: st.obj, id: x.id, values, after: x.after, staged: true };
        try {
          await tx.registry.hooks.run('after', tx, e);
        } catch (err) {
          if (err instanceof KehuError) throw new AfterHookRefused(Number(x.row.kehu_row), err);
          throw err;
        }
        created.set(x.id, Number(x.row.kehu_row));
      }
      p.created += records.length;
      await tick();
    }
    await storing;
  } finally {
    await storing.catch(() => undefined);
  }
  return created;
}

const historyCopy =
  'copy sys_history (object, record_id, version, action, actor_id, on_behalf_of, ip, user_agent, changes, snapshot) from stdin';

class AfterHookRefused extends Error {
  constructor(
    readonly row: number,
    readonly error: KehuError,
  ) {
    super(error.code);
  }
}

/**
 * Write `rows` in one pass: system-assigned codes, the insert, versions and after-hooks. When an after-hook refuses
 * a row, the whole pass is undone (to its savepoint) and done again without it.
 */
async function writePass(
  tx: Ctx,
  spec: ImportSpec,
  st: ImportStage,
  p: Progress,
  tick: () => Promise<void>,
  rows: number[],
) {
  const codeFields = [...st.obj.fields.values()].filter((f) => f.type === 'autoNumber' && f.column);
  for (;;) {
    if (rows.length === 0) return;
    const mark = { created: p.created, failed: p.failed, errors: p.errors.length, pending: p.pending.length };
    await sql`savepoint kehu_pass`.execute(tx.db);
    try {
      // Outside the import's transaction, like a sequence; a dry run reserves none.
      const codes: string[][] = [];
      for (const f of codeFields)
        codes.push(
          spec.env.dryRun ? [] : await reserveCodes(spec.env.codeDb, st.obj.name, f, tx.timezone, rows.length),
        );
      await st.number(tx, rows, codes);
      await insertSafely(tx, spec, st, p, { rows, codes: codeFields.map((f) => f.column!) }, 1, rows.length);
      for (const [id, row] of await finish(tx, spec, st, p, rows.length, tick)) p.createdRows.set(id, row);
      await sql`release savepoint kehu_pass`.execute(tx.db);
      st.settle(rows);
      return;
    } catch (err) {
      await sql`rollback to savepoint kehu_pass`.execute(tx.db);
      await sql`release savepoint kehu_pass`.execute(tx.db);
      if (!(err instanceof AfterHookRefused)) throw err;
      p.created = mark.created;
      p.failed = mark.failed;
      p.errors.length = mark.errors;
      p.pending.length = Math.min(p.pending.length, mark.pending); // stored meanwhile: stored once (on conflict)
      await refusals(tx, spec, st, p, [{ row: err.row, error: err.error }]);
      st.settle([err.row]);
      rows = rows.filter((r) => r !== err.row);
    }
  }
}

/**
 * Write everything staged so far, set-based (CUS-11): the object's set-based checks (a module's conflict check)
 * over the staging table, refused rows reported, then one INSERT … SELECT of the rest, versions and links in bulk.
 * Rows a check leaves for later (they meet an earlier row of the file) are checked again once those are written.
 */
export async function flushStage(tx: Ctx, spec: ImportSpec, st: ImportStage, p: Progress, tick: () => Promise<void>) {
  if (st.pending.length === 0) return;
  await sql`analyze ${stage}`.execute(tx.db);
  for (;;) {
    await st.offer(tx);
    const verdict = await tx.registry.hooks.checkStaged(tx, st.rows());
    await refusals(tx, spec, st, p, verdict.refused);
    st.settle(verdict.refused.map((r) => r.row));
    const later = new Set(verdict.later);
    const now = st.pending.filter((r) => !later.has(r));
    await writePass(tx, spec, st, p, tick, now);
    if (later.size === 0) return;
    if (now.length === 0) throw new Error('import: staged rows left for later, none written before them');
  }
}
