import fs from 'node:fs';
import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import { enqueueEvent } from '../events/outbox.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { assertWritableObject } from '../records/authorize.ts';
import { createImportJob, type ImportReason, type JobRunner, saveProgress } from './import-jobs.ts';
import type { ImportOptions } from './import-options.ts';
import { newProgress, type Progress, writeSafely } from './import-progress.ts';
import { runLeased } from './import-recovery.ts';
import { canOverlap, type ImportSpec, planBatch } from './import-rows.ts';
import { type FieldGates, type ResolvedMapping, resolveMapping, suggestMapping } from './mapping.ts';
import { RelationLookup } from './relation-lookup.ts';
import { countRows, isBlankCell, readHead, readSheet, type SheetFormat, type SheetRow } from './spreadsheet-reader.ts';
import { isWatermarkRow } from './watermark-row.ts';

/** An upload that passed the checks that can be made before the job starts. */
export interface PreparedImport {
  obj: ObjectDef;
  file: string;
  format: SheetFormat;
  header: string[];
  headerRow: number;
  /** As given, with the duplicate check that applies and the mapping used (saved with the job for next time). */
  options: ImportOptions;
  mapping: ResolvedMapping;
}

export const gatesOf = (ctx: Ctx, obj: ObjectDef): FieldGates => ({
  canRead: (f) => ctx.access.canReadField(obj, f),
  canWrite: (f) => ctx.access.canWriteField(obj, f),
  canQuery: (f) => ctx.access.canQueryField(obj, f),
});

/** Imports need the `import` right on a writable object (CUS-11). */
export function assertImportAllowed(ctx: Ctx, obj: ObjectDef): void {
  assertWritableObject(obj);
  if (ctx.access.scope(obj.name, 'import') === 'none') throw new KehuError('FORBIDDEN');
}

/**
 * The header and first rows of an upload, told by its content: what is neither an xlsx workbook nor text is refused
 * with a message the user can act on, and a file that cannot be read is the file's problem, never a 500.
 */
export async function readUpload(file: string, rows = 0): Promise<Awaited<ReturnType<typeof readHead>>> {
  const head = await readHead(file, rows).catch((err) => {
    throw err instanceof KehuError ? err : new KehuError('IMPORT_NOT_SPREADSHEET');
  });
  if (head.header.every((h) => h === '')) throw new KehuError('IMPORT_NO_HEADER');
  return head;
}

/**
 * Check rights, the sheet's header and the mapping; problems are reported at once, keyed by column header.
 * Without a `duplicates` option the object's first matcher skips duplicates (a second import of the same file
 * creates nothing), when its fields are mapped and the caller may match on them.
 */
export async function prepareImport(
  ctx: Ctx,
  obj: ObjectDef,
  file: string,
  options: ImportOptions,
): Promise<PreparedImport> {
  assertImportAllowed(ctx, obj);
  const head = await readUpload(file, 0);
  const gates = gatesOf(ctx, obj);
  const matchers = ctx.registry.importMatchers.of(obj.name);
  const given = options.mapping ?? suggestMapping(head.header, obj, gates);
  const resolve = (matchOn?: string) => resolveMapping(head.header, given, obj, gates, matchOn, matchers);
  let duplicates = options.duplicates ?? null;
  let mapping = resolve(duplicates?.matchOn);
  if (options.duplicates === undefined && matchers.length) {
    const byDefault = resolve(matchers[0].name);
    if (!byDefault.problems.matchOn) {
      mapping = byDefault;
      duplicates = { matchOn: matchers[0].name, policy: 'skip' };
    }
  }
  if (Object.keys(mapping.problems).length) throw validationFailed(mapping.problems);
  if (!mapping.columns.some((c) => !c.matchOnly)) throw validationFailed({ mapping: 'required' });
  for (const c of mapping.columns) c.values = options.values?.[c.header];
  const used = Object.fromEntries(head.header.filter(Boolean).map((h) => [h, given[h] ?? null]));
  return {
    obj,
    file,
    format: head.format,
    header: head.header,
    headerRow: head.headerRow,
    options: { ...options, mapping: used, duplicates },
    mapping,
  };
}

/**
 * New rows wait in a GIN index's pending list until it is merged, and every search through that index reads the
 * whole list: inside one long import transaction per-row lookups (a duplicate or conflict check on name bigrams)
 * would slow down with every batch. Merged after each batch, the list stays short.
 */
async function cleanGinPending(tx: Ctx, table: string): Promise<void> {
  await sql`select gin_clean_pending_list(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid
    join pg_am a on a.oid = c.relam where i.indrelid = ${table}::regclass and a.amname = 'gin'`.execute(tx.db);
}

/**
 * Fresh statistics before the import and as it grows the table (ANALYZE inside the import's transaction counts
 * its own new rows): matching and the per-row queries of hooks are planned from them, and a table planned as
 * empty is scanned whole for every row. The lock it takes lets a second import of the same object wait.
 */
async function analyze(tx: Ctx, table: string): Promise<void> {
  await sql`analyze ${sql.table(table)}`.execute(tx.db);
}

/** Rows per batch: about 1000, fewer for wide sheets (PostgreSQL allows 65535 parameters per statement). */
const batchSize = (columns: number) => Math.max(1, Math.min(1000, Math.floor(60000 / (columns + 3))));

class Stop extends Error {
  constructor(readonly reason: ImportReason | null) {
    super(reason ?? 'rollback');
  }
}

/**
 * Every data row of the sheet, in batches. While one batch is written the next is validated, when validation
 * cannot depend on that write; an in-flight write is always awaited before leaving, so that no statement of it
 * can reach the connection after the transaction has ended.
 */
async function importRows(
  tx: Ctx,
  spec: ImportSpec,
  prep: PreparedImport,
  progress: Progress,
  signal: AbortSignal,
  tick: () => Promise<void>,
  inFlight: (w: Promise<void>) => void,
): Promise<void> {
  const size = batchSize(spec.columns.length);
  const overlap = canOverlap(spec);
  const queue: SheetRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  let analyzed = 0;
  await analyze(tx, spec.obj.table);
  const drain = async (all: boolean) => {
    while (queue.length >= (all ? 1 : size)) {
      if (signal.aborted) throw new Stop('cancelled');
      const { plans, consumed } = await planBatch(tx, spec, queue, size, progress);
      queue.splice(0, consumed);
      await writing;
      writing = writeSafely(tx, spec, plans, progress).then(() =>
        plans.length ? cleanGinPending(tx, spec.obj.table) : undefined,
      );
      writing.catch(() => undefined); // awaited below; never an unhandled rejection
      inFlight(writing);
      if (!overlap) await writing;
      await tick();
      if (progress.created >= Math.max(1000, 4 * analyzed)) {
        await writing;
        await analyze(tx, spec.obj.table);
        analyzed = progress.created;
      }
    }
  };
  try {
    for await (const r of readSheet(prep.file, prep.format)) {
      if (r.row <= prep.headerRow || r.cells.every(isBlankCell)) continue;
      if (isWatermarkRow(r.cells)) {
        progress.total = Math.max(progress.processed, progress.total - 1);
        continue;
      }
      queue.push(r);
      if (queue.length >= size) await drain(false);
    }
    await drain(true);
    await writing;
  } finally {
    await writing.catch(() => undefined);
  }
}

/**
 * The import job: one transaction over the whole file, written in batches. A dry run, an all-or-nothing import
 * with bad rows, or a cancelled job rolls back; otherwise it commits with one outbox event for the import.
 */
async function runImport(ctx: Ctx, id: number, prep: PreparedImport, signal: AbortSignal, log: (err: unknown) => void) {
  const db = ctx.db;
  const { obj, options } = prep;
  const progress: Progress = newProgress();
  let writing: Promise<unknown> = Promise.resolve();
  const spec: ImportSpec = {
    obj,
    columns: prep.mapping.columns,
    matchOn: prep.mapping.matchOn,
    matcher: prep.mapping.matcher,
    policy: options.duplicates?.policy ?? 'create',
    lookup: new RelationLookup(ctx),
    env: { dryRun: options.dryRun, codeDb: db },
    settle: () => writing.catch(() => undefined),
  };
  let saved = Date.now();
  const tick = async (force = false) => {
    if (!force && Date.now() - saved < 250) return;
    saved = Date.now();
    await saveProgress(db, id, progress);
  };
  try {
    await saveProgress(db, id, progress, 'running');
    progress.total = await countRows(prep.file, prep.format, prep.headerRow);
    await tick(true);
    await transaction(ctx, async (tx) => {
      await importRows(tx, spec, prep, progress, signal, tick, (w) => {
        writing = w;
      });
      progress.errors.sort((a, b) => a.row - b.row);
      if (options.dryRun) throw new Stop(null);
      if (options.mode === 'all' && progress.failed > 0) throw new Stop('rowErrors');
      if (progress.created + progress.updated > 0) {
        await enqueueEvent(tx, obj.name, null, 'import', {
          importId: id,
          created: progress.created,
          updated: progress.updated,
        });
      }
    });
    await saveProgress(db, id, progress, 'done', null);
  } catch (err) {
    if (!(err instanceof Stop)) log(err);
    const reason = err instanceof Stop ? err.reason : 'internal';
    await saveProgress(db, id, progress, reason === null ? 'done' : 'failed', reason).catch(log);
  } finally {
    fs.rm(prep.file, { force: true }, () => undefined);
  }
}

/** Record the job and run it in the background; the caller polls `readImportJob`. */
export async function startImport(
  ctx: Ctx,
  runner: JobRunner,
  prep: PreparedImport,
  log: (err: unknown) => void = () => undefined,
) {
  const id = await createImportJob(
    ctx.db,
    prep.obj.name,
    ctx.actor.userId,
    { ...prep.options, file: prep.file },
    prep.header,
  );
  // Under the job's lease: a crash leaves it to be ended as interrupted (import-recovery.ts).
  runner.start((signal) => runLeased(ctx.db, id, () => runImport(ctx, id, prep, signal, log)));
  return { id, status: 'queued' as const };
}
