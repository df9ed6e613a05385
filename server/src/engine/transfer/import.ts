import fs from 'node:fs';
import { type Ctx, transaction } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import { enqueueEvent } from '../events/outbox.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { assertWritableObject } from '../records/authorize.ts';
import { createImportJob, type ImportReason, type JobRunner, saveProgress } from './import-jobs.ts';
import type { ImportOptions } from './import-options.ts';
import { type ImportSpec, importBatch, type Progress } from './import-rows.ts';
import { type FieldGates, type ResolvedMapping, resolveMapping, suggestMapping } from './mapping.ts';
import { RelationLookup } from './relation-lookup.ts';
import { countRows, isBlankCell, readHead, readSheet, type SheetFormat, type SheetRow } from './spreadsheet-reader.ts';

/** An upload that passed the checks that can be made before the job starts. */
export interface PreparedImport {
  obj: ObjectDef;
  file: string;
  format: SheetFormat;
  headerRow: number;
  options: ImportOptions;
  mapping: ResolvedMapping;
}

export const gatesOf = (ctx: Ctx, obj: ObjectDef): FieldGates => ({
  canRead: (f) => ctx.access.canReadField(obj, f),
  canWrite: (f) => ctx.access.canWriteField(obj, f),
});

/** Imports need the `import` right on a writable object (CUS-11). */
export function assertImportAllowed(ctx: Ctx, obj: ObjectDef): void {
  assertWritableObject(obj);
  if (ctx.access.scope(obj.name, 'import') === 'none') throw new KehuError('FORBIDDEN');
}

/** Check rights, the sheet's header and the mapping; problems are reported at once, keyed by column header. */
export async function prepareImport(
  ctx: Ctx,
  obj: ObjectDef,
  file: string,
  options: ImportOptions,
): Promise<PreparedImport> {
  assertImportAllowed(ctx, obj);
  const head = await readHead(file, 0).catch(() => {
    throw new KehuError('IMPORT_FAILED', { detail: 'unreadable file' });
  });
  if (head.header.length === 0) throw new KehuError('IMPORT_FAILED', { detail: 'no header row' });
  const gates = gatesOf(ctx, obj);
  const mapping = resolveMapping(
    head.header,
    options.mapping ?? suggestMapping(head.header, obj, gates),
    obj,
    gates,
    options.duplicates?.matchOn,
  );
  if (Object.keys(mapping.problems).length) throw validationFailed(mapping.problems);
  if (!mapping.columns.some((c) => !c.matchOnly)) throw validationFailed({ mapping: 'required' });
  return { obj, file, format: head.format, headerRow: head.headerRow, options, mapping };
}

/** Rows per batch: about 500, fewer for wide sheets (PostgreSQL allows 65535 parameters per statement). */
const batchSize = (columns: number) => Math.max(1, Math.min(500, Math.floor(30000 / (columns + 3))));

class Stop extends Error {
  constructor(readonly reason: ImportReason | null) {
    super(reason ?? 'rollback');
  }
}

/**
 * The import job: one transaction over the whole file, written in batches. A dry run, an all-or-nothing import
 * with bad rows, or a cancelled job rolls back; otherwise it commits with one outbox event for the import.
 */
async function runImport(ctx: Ctx, id: number, prep: PreparedImport, signal: AbortSignal, log: (err: unknown) => void) {
  const db = ctx.db;
  const { obj, options } = prep;
  const progress: Progress = { total: 0, processed: 0, created: 0, updated: 0, skipped: 0, failed: 0, errors: [] };
  const spec: ImportSpec = {
    obj,
    columns: prep.mapping.columns,
    matchOn: prep.mapping.matchOn,
    policy: options.duplicates?.policy ?? 'create',
    lookup: new RelationLookup(ctx),
    env: { dryRun: options.dryRun, codeDb: db },
  };
  const size = batchSize(spec.columns.length);
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
      const queue: SheetRow[] = [];
      const drain = async (all: boolean) => {
        while (queue.length >= (all ? 1 : size)) {
          if (signal.aborted) throw new Stop('cancelled');
          queue.splice(0, await importBatch(tx, spec, queue, size, progress));
          await tick();
        }
      };
      for await (const r of readSheet(prep.file, prep.format)) {
        if (r.row <= prep.headerRow || r.cells.every(isBlankCell)) continue;
        queue.push(r);
        if (queue.length >= size) await drain(false);
      }
      await drain(true);
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
  const id = await createImportJob(ctx.db, prep.obj.name, ctx.actor.userId, { ...prep.options, file: prep.file });
  runner.start((signal) => runImport(ctx, id, prep, signal, log));
  return { id, status: 'queued' as const };
}
