import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { RowError } from './import-options.ts';
import type { ImportSpec } from './import-rows.ts';
import { type WritePlan, writeBatch } from './import-write.ts';
import type { Cell } from './spreadsheet-reader.ts';

/** The existing record a row matched (skipped or updated), and why. */
export interface OutcomeMatch {
  id: number;
  /** Its title when the caller sees it in the clear. */
  label: string | null;
  /** The field whose value matched (creditCode, name, mobile…). */
  by: string;
  /** The record was created by this row of the same file (a duplicate inside the file). */
  sameAsRow?: number;
}

/** A row that was not simply created, kept in sys_import_row beside the job. */
export interface RowOutcome {
  row: number;
  outcome: 'failed' | 'skipped' | 'updated';
  /** Failed rows: the cells as read, for the error file. */
  cells?: Cell[];
  errors?: RowError[];
  match?: OutcomeMatch;
}

/** Counters and the first errors of an import job, as stored in sys_import. */
export interface Progress {
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  errors: RowError[];
  /** Row outcomes not yet stored (saveProgress stores and empties them). */
  pending: RowOutcome[];
  /** Records this import created → their sheet row: a later row of the file that matches one is its duplicate. */
  createdRows: Map<number, number>;
}

export const maxErrors = 1000;

export function newProgress(): Progress {
  return {
    total: 0,
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    errors: [],
    pending: [],
    createdRows: new Map(),
  };
}

/** One failed row: counted, its first errors kept with the job, all of them (and its cells) in sys_import_row. */
export function report(progress: Progress, problems: RowError[], cells?: Cell[]) {
  progress.failed++;
  for (const p of problems) if (progress.errors.length < maxErrors) progress.errors.push(p);
  if (problems.length) progress.pending.push({ row: problems[0].row, outcome: 'failed', cells, errors: problems });
}

/** A row that matched an existing record and was skipped (or updated, or left as it was). */
export function matched(progress: Progress, row: number, outcome: 'skipped' | 'updated', match?: OutcomeMatch) {
  if (outcome === 'skipped') progress.skipped++;
  else progress.updated++;
  if (match) progress.pending.push({ row, outcome, match });
}

/** A KehuError of one row → its per-field problems (or one row-level problem). */
export function rowErrors(row: number, err: KehuError, spec: Pick<ImportSpec, 'columns'>): RowError[] {
  const header = (name: string) => spec.columns.find((c) => c.field.name === name)?.header;
  if (err.fields && Object.keys(err.fields).length) {
    return Object.entries(err.fields).map(([field, code]) => ({
      row,
      column: header(field),
      field,
      code,
      ...(err.fieldParams?.[field] ? { params: err.fieldParams[field] } : {}),
    }));
  }
  return [{ row, code: err.code, ...(Object.keys(err.params).length ? { params: err.params } : {}) }];
}

/** Errors that belong to one row (bad data, a refusing hook, a constraint) rather than to the import. */
export function isRowFailure(err: unknown): boolean {
  if (err instanceof KehuError) return err.code !== 'INTERNAL';
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/** After a batch is written: the records it created (for duplicates inside the file) and its matched rows. */
function written(progress: Progress, plans: WritePlan[]) {
  for (const p of plans) {
    if (p.action === 'create') {
      progress.created++;
      if (p.id !== undefined) progress.createdRows.set(p.id, p.row);
    } else matched(progress, p.row, p.unchanged ? 'skipped' : 'updated', p.match);
  }
}

/**
 * Write plans under a savepoint; when the batch fails, write its rows one by one so that only the failing rows
 * are reported (their partial work rolled back to the savepoint).
 */
export async function writeSafely(tx: Ctx, spec: ImportSpec, plans: WritePlan[], progress: Progress): Promise<void> {
  if (plans.length === 0) return;
  await sql`savepoint kehu_import`.execute(tx.db);
  try {
    await writeBatch(tx, spec.obj, plans, spec.env);
    await sql`release savepoint kehu_import`.execute(tx.db);
    written(progress, plans);
    return;
  } catch (err) {
    await sql`rollback to savepoint kehu_import`.execute(tx.db);
    await sql`release savepoint kehu_import`.execute(tx.db);
    if (!isRowFailure(err)) throw err;
    if (plans.length === 1) {
      const e = err instanceof KehuError ? err : new KehuError('VALIDATION_FAILED');
      report(progress, rowErrors(plans[0].row, e, spec), plans[0].cells);
      return;
    }
  }
  for (const p of plans) {
    if (p.action === 'create') p.id = undefined;
    p.unchanged = undefined;
    await writeSafely(tx, spec, [p], progress);
  }
}
