import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { RowError } from './import-options.ts';
import type { ImportSpec } from './import-rows.ts';
import { type WritePlan, writeBatch } from './import-write.ts';

/** Counters and the first errors of an import job, as stored in sys_import. */
export interface Progress {
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  errors: RowError[];
}

export const maxErrors = 1000;

export function report(progress: Progress, problems: RowError[]) {
  progress.failed++;
  for (const p of problems) if (progress.errors.length < maxErrors) progress.errors.push(p);
}

/** A KehuError of one row → its per-field problems (or one row-level problem). */
export function rowErrors(row: number, err: KehuError, spec: Pick<ImportSpec, 'columns'>): RowError[] {
  const header = (name: string) => spec.columns.find((c) => c.field.name === name)?.header;
  if (err.fields && Object.keys(err.fields).length) {
    return Object.entries(err.fields).map(([field, code]) => ({ row, column: header(field), field, code }));
  }
  return [{ row, code: err.code }];
}

/** Errors that belong to one row (bad data, a refusing hook, a constraint) rather than to the import. */
function isRowFailure(err: unknown): boolean {
  if (err instanceof KehuError) return err.code !== 'INTERNAL';
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/**
 * Write plans under a savepoint; when the batch fails, write its rows one by one so that only the failing rows
 * are reported (their partial work rolled back to the savepoint).
 */
export async function writeSafely(tx: Ctx, spec: ImportSpec, plans: WritePlan[], progress: Progress): Promise<void> {
  if (plans.length === 0) return;
  await sql`savepoint kehu_import`.execute(tx.db);
  try {
    const o = await writeBatch(tx, spec.obj, plans, spec.env);
    await sql`release savepoint kehu_import`.execute(tx.db);
    progress.created += o.created;
    progress.updated += o.updated;
    progress.skipped += o.unchanged;
    return;
  } catch (err) {
    await sql`rollback to savepoint kehu_import`.execute(tx.db);
    await sql`release savepoint kehu_import`.execute(tx.db);
    if (!isRowFailure(err)) throw err;
    if (plans.length === 1) {
      const e = err instanceof KehuError ? err : new KehuError('VALIDATION_FAILED');
      report(progress, rowErrors(plans[0].row, e, spec));
      return;
    }
  }
  for (const p of plans) {
    if (p.action === 'create') p.id = undefined;
    await writeSafely(tx, spec, [p], progress);
  }
}
