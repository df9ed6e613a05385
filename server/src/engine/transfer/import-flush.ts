import { type RawBuilder, sql } from 'kysely';
import { clientOf, copyIn, copyLine } from '../../db/copy.ts';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { reserveCodes } from '../fields/auto-number.field.ts';
import type { Row } from '../fields/field-type.ts';
import { linkTableName } from '../fields/many-to-many.field.ts';
import { createdDiff } from '../history/history.ts';
import { fullReach } from '../query/reach.ts';
import { formatRow, loadExtras, selection } from '../query/select.ts';
import type { WriteEvent } from '../records/hooks.ts';
import { mapDbError } from '../records/pg-errors.ts';
import { isRowFailure, type Progress, report, rowErrors } from './import-progress.ts';
import type { ImportSpec } from './import-rows.ts';
import { type ImportStage, staged } from './import-stage.ts';
import { returnedColumns } from './records-batch.ts';

const stage = sql.table('kehu_import_stage');
const state = sql.table('kehu_import_state');
/** Records read back per step (history and after-hooks), and a progress update after each. */
const chunk = 10_000;

/** Refuse staged rows: reported with their cells, never written. */
async function refuse(
  tx: Ctx,
  spec: ImportSpec,
  st: ImportStage,
  p: Progress,
  list: Array<{ row: number; error: KehuError }>,
) {
  if (list.length === 0) return;
  const cells = await st.cells(
    tx,
    list.map((r) => r.row),
  );
  for (const r of list) report(p, rowErrors(r.row, r.error, spec), cells.get(r.row));
  const rows = list.map((r) => r.row);
  await st.mark(tx, staged.refused, rows, staged.pending);
  await st.mark(tx, staged.refused, rows, staged.writing);
}

/** The INSERT … SELECT of the numbered rows `lo`..`hi`, with their many-to-many links. */
async function insertRange(tx: Ctx, st: ImportStage, codes: Map<string, unknown>, lo: number, hi: number) {
  const obj = st.obj;
  const user = tx.actor.userId || null;
  const cols = [...st.used].filter((c) => !codes.has(c));
  const target = [
    sql.ref('id'),
    ...[...cols, ...codes.keys()].map((c) => sql.ref(c)),
    sql.ref('created_by'),
    sql.ref('updated_by'),
  ];
  const values: RawBuilder<unknown>[] = [
    sql.ref('r.kehu_id'),
    ...cols.map((c) => st.cast(c)),
    ...[...codes.keys()].map((_, i) => sql`r.kehu_codes[${sql.lit(i + 1)}]`),
    sql`${user}::bigint`,
    sql`${user}::bigint`,
  ];
  const range = sql`r.kehu_state = ${staged.writing} and r.kehu_n between ${lo} and ${hi}`;
  await sql`insert into ${sql.table(obj.table)} (${sql.join(target)})
    select ${sql.join(values)} from ${stage} as s join ${state} as r on r.kehu_row = s.kehu_row
    where ${range}`.execute(tx.db);
  for (const [f, list] of st.links) {
    const rows = list.flatMap((l) => [...new Set(l.ids)].map(() => l.row));
    const ids = list.flatMap((l) => [...new Set(l.ids)]);
    if (ids.length === 0) continue;
    await sql`insert into ${sql.table(f.linkTable ?? linkTableName(obj.table, f.name))} (a_id, b_id)
      select r.kehu_id, u.b from unnest(${rows}::int[], ${ids}::bigint[]) as u(rn, b)
      join ${state} as r on r.kehu_row = u.rn where ${range} on conflict do nothing`.execute(tx.db);
  }
}

/**
 * Insert the numbered rows; a row that the table refuses (a constraint, a value out of range) is found by halving
 * the range under savepoints and reported, the others are written. Returns the sheet rows refused.
 */
async function insertSafely(
  tx: Ctx,
  spec: ImportSpec,
  st: ImportStage,
  p: Progress,
  codes: Map<string, unknown>,
  lo: number,
  hi: number,
): Promise<void> {
  await sql`savepoint kehu_insert`.execute(tx.db);
  try {
    await insertRange(tx, st, codes, lo, hi);
    await sql`release savepoint kehu_insert`.execute(tx.db);
    return;
  } catch (err) {
    await sql`rollback to savepoint kehu_insert`.execute(tx.db);
    await sql`release savepoint kehu_insert`.execute(tx.db);
    if (!isRowFailure(err)) throw err;
    if (lo === hi) {
      const r = await sql<{ kehu_row: number }>`select kehu_row from ${state}
        where kehu_state = ${staged.writing} and kehu_n = ${lo}`.execute(tx.db);
      const e = mapDbError(err, st.obj);
      const error = e instanceof KehuError ? e : new KehuError('VALIDATION_FAILED');
      await refuse(
        tx,
        spec,
        st,
        p,
        r.rows.map((x) => ({ row: Number(x.kehu_row), error })),
      );
      return;
    }
  }
  const mid = Math.floor((lo + hi) / 2);
  await insertSafely(tx, spec, st, p, codes, lo, mid);
  await insertSafely(tx, spec, st, p, codes, mid + 1, hi);
}

/** COPY lines of the versions (SEC-10) of new records, as the pipeline stores them. */
function historyLines(tx: Ctx, spec: ImportSpec, records: Array<{ id: number; after: Record<string, unknown> }>) {
  const a = tx.actor;
  const ua = tx.userAgent?.slice(0, 300) ?? null;
  const who = [a.userId ? String(a.userId) : null, a.onBehalfOf ? String(a.onBehalfOf) : null, tx.ip ?? null, ua];
  const head = [spec.obj.name];
  return records.map((r) =>
    copyLine([
      ...head,
      String(r.id),
      String(r.after.version),
      'create',
      ...who,
      JSON.stringify(createdDiff(r.after)),
      JSON.stringify(r.after),
    ]),
  );
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
    for (let lo = 1; lo <= n; lo += chunk) {
      const r = await sql<Row>`select ${sql.join(cols)}, s.kehu_row from ${state} as s
        join ${sql.table(st.obj.table)} as t on t.id = s.kehu_id
        where s.kehu_state = ${staged.writing} and s.kehu_n between ${lo} and ${lo + chunk - 1}
        order by s.kehu_n`.execute(tx.db);
      await loadExtras(tx.db, tx.registry, st.obj, sel.fields, r.rows, fullReach);
      await storing;
      const records = r.rows.map((row) => ({ id: Number(row.id), row, after: formatRow(row, sel.fields) }));
      if (!spec.obj.noHistory && records.length) {
        const lines = historyLines(tx, spec, records);
        storing = copyIn(client, historyCopy, lines);
        storing.catch(() => undefined); // awaited below
      }
      for (const x of records) {
        const values = Object.fromEntries([...st.types.keys()].map((c) => [c, x.row[c] ?? null]));
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
 * Write the pending rows: system-assigned codes, the insert, versions and after-hooks. When an after-hook refuses
 * a row, the whole pass is undone (to its savepoint, the staging table's states included) and done again without it.
 */
async function writePending(tx: Ctx, spec: ImportSpec, st: ImportStage, p: Progress, tick: () => Promise<void>) {
  for (;;) {
    const mark = { created: p.created, failed: p.failed, errors: p.errors.length, pending: p.pending.length };
    await sql`savepoint kehu_pass`.execute(tx.db);
    try {
      const n = await st.number(tx);
      if (n > 0) {
        const codes = new Map<string, unknown>();
        for (const f of st.obj.fields.values()) {
          if (f.type !== 'autoNumber' || !f.column) continue;
          codes.set(f.column, true);
          // Outside the import's transaction, like a sequence; a dry run reserves none. Kept by row number in
          // the state table (an array parameter read per row would be parsed per row).
          if (spec.env.dryRun) continue;
          const list = await reserveCodes(spec.env.codeDb, st.obj.name, f, tx.timezone, n);
          await sql`update ${state} as r set kehu_codes[${sql.lit(codes.size)}] = u.code
            from unnest(${list}::text[]) with ordinality as u(code, n)
            where r.kehu_state = ${staged.writing} and r.kehu_n = u.n`.execute(tx.db);
        }
        await insertSafely(tx, spec, st, p, codes, 1, n);
        for (const [id, row] of await finish(tx, spec, st, p, n, tick)) p.createdRows.set(id, row);
        await st.mark(tx, staged.written, null, staged.writing);
      }
      await sql`release savepoint kehu_pass`.execute(tx.db);
      return;
    } catch (err) {
      await sql`rollback to savepoint kehu_pass`.execute(tx.db);
      await sql`release savepoint kehu_pass`.execute(tx.db);
      if (!(err instanceof AfterHookRefused)) throw err;
      p.created = mark.created;
      p.failed = mark.failed;
      p.errors.length = mark.errors;
      p.pending.length = Math.min(p.pending.length, mark.pending); // stored meanwhile: stored once (on conflict)
      await refuse(tx, spec, st, p, [{ row: err.row, error: err.error }]);
    }
  }
}

/**
 * Write everything staged so far, set-based (CUS-11): the object's set-based checks (a module's conflict check)
 * over the staging table, refused rows reported, then one INSERT … SELECT of the rest, versions and links in bulk.
 * Rows a check leaves for later (they meet an earlier row of the file) are checked again once those are written.
 */
export async function flushStage(tx: Ctx, spec: ImportSpec, st: ImportStage, p: Progress, tick: () => Promise<void>) {
  await sql`analyze ${stage}`.execute(tx.db);
  await sql`analyze ${state}`.execute(tx.db);
  for (;;) {
    const verdict = await tx.registry.hooks.checkStaged(tx, st.rows());
    await refuse(tx, spec, st, p, verdict.refused);
    await st.mark(tx, staged.later, verdict.later);
    const before = p.created;
    await writePending(tx, spec, st, p, tick);
    if (!verdict.later.length) return;
    if (p.created === before) throw new Error('import: staged rows left for later, none written before them');
    await st.mark(tx, staged.pending, null, staged.later);
  }
}
