import fs from 'node:fs';
import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import { enqueueEvent } from '../events/outbox.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { assertWritableObject } from '../records/authorize.ts';
import { existing, matching } from './import-duplicates.ts';
import { flushStage } from './import-flush.ts';
import { createImportJob, type ImportReason, type JobRunner, saveProgress } from './import-jobs.ts';
import type { Match } from './import-matchers.ts';
import type { ImportOptions } from './import-options.ts';
import { dataRows, planRounds, writePlans } from './import-pass.ts';
import { newProgress, type Progress } from './import-progress.ts';
import { runLeased } from './import-recovery.ts';
import { type ImportSpec, planBatch } from './import-rows.ts';
import { ImportStage } from './import-stage.ts';
import { type FieldGates, type ResolvedMapping, resolveMapping, suggestMapping } from './mapping.ts';
import { RelationLookup } from './relation-lookup.ts';
import { countRows, readHead, type SheetFormat, type SheetRow } from './spreadsheet-reader.ts';

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
 * Every data row of the sheet (CUS-11). Rows are parsed and validated in batches in JavaScript — every field rule,
 * every module's before-hook, messages naming fields by label. Duplicate matching is set-based: the keys of a
 * round's rows are matched in one statement (rows repeating an earlier row's key wait for a later round, see
 * planRounds). Creates of an object whose hooks can be staged are COPYed into a staging table and written at the
 * end of each round, set-based (flushStage); other objects' rows are written batch by batch.
 */
async function importRows(
  tx: Ctx,
  spec: ImportSpec,
  prep: PreparedImport,
  progress: Progress,
  signal: AbortSignal,
  tick: () => Promise<void>,
): Promise<void> {
  const table = spec.obj.table;
  const size = batchSize(spec.columns.length);
  await analyze(tx, table);
  const rounds = matching(spec) ? await planRounds(tx, spec, prep) : undefined;
  const stage = tx.registry.hooks.stageable(spec.obj.name) ? await ImportStage.open(tx, spec.obj) : undefined;
  let analyzed = 0;
  for (let round = 0; round < (rounds?.keys.length ?? 1); round++) {
    if (round > 0) {
      await cleanGinPending(tx, table);
      await analyze(tx, table);
    }
    const found = rounds ? await existing(tx, spec, [...new Set(rounds.keys[round])]) : new Map<string, Match[]>();
    let batch: SheetRow[] = [];
    const drain = async () => {
      if (signal.aborted) throw new Stop('cancelled');
      const plans = await planBatch(tx, spec, batch, found, progress);
      batch = [];
      await writePlans(tx, spec, plans, progress, stage);
      if (!stage && plans.length) await cleanGinPending(tx, table);
      if (!stage && progress.created >= Math.max(1000, 4 * analyzed)) {
        await analyze(tx, table);
        analyzed = progress.created;
      }
      await tick();
    };
    const source = round === 0 ? dataRows(prep, progress) : rounds!.later[round - 1];
    for await (const r of source) {
      if (round === 0 && rounds?.notFirst.has(r.row)) continue;
      batch.push(r);
      if (batch.length >= size) await drain();
    }
    if (batch.length) await drain();
    if (stage) await flushStage(tx, spec, stage, progress, tick);
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
  const known = new Map<string, boolean>();
  const spec: ImportSpec = {
    obj,
    columns: prep.mapping.columns,
    matchOn: prep.mapping.matchOn,
    matcher: prep.mapping.matcher,
    policy: options.duplicates?.policy ?? 'create',
    lookup: new RelationLookup(ctx, known),
    env: { dryRun: options.dryRun, codeDb: db },
    known,
    settle: () => Promise.resolve(),
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
      await importRows(tx, spec, prep, progress, signal, tick);
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
