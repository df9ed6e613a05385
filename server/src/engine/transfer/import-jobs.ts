import { translate } from '@kehu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { type ImportOptions, type RowError, withoutNul } from './import-options.ts';
import type { Progress } from './import-progress.ts';
import { describeError } from './import-report.ts';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** Why a job ended as it did; translated when read (`import.<reason>`). */
export type ImportReason = 'rowErrors' | 'cancelled' | 'internal';

/** Background jobs of one application instance: tracked so that closing the app waits for (and stops) them. */
export class JobRunner {
  private readonly running = new Set<Promise<void>>();
  private readonly controller = new AbortController();

  /** Run `fn` in the background; it should check `signal` between steps and stop when it is aborted. */
  start(fn: (signal: AbortSignal) => Promise<void>): void {
    const p: Promise<void> = fn(this.controller.signal)
      .catch(() => undefined)
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Resolves when no job is running. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  /** Stop every job at its next step and wait for it to roll back. */
  async close(): Promise<void> {
    this.controller.abort();
    await this.idle();
  }
}

export async function createImportJob(
  db: Db,
  object: string,
  userId: number,
  options: ImportOptions & { file: string },
  header: string[] = [],
) {
  const r = await sql<{ id: number }>`insert into sys_import (object, user_id, status, options, header)
    values (${object}, ${userId}, 'queued', ${JSON.stringify(withoutNul(options))}, ${JSON.stringify(withoutNul(header))})
    returning id`.execute(db);
  return Number(r.rows[0].id);
}

/** JSON of a cell: dates keep their type through jsonb (`{ "$date": … }`), so the error file shows them as dates. */
const cellJson = (c: unknown) => (c instanceof Date ? { $date: c.toISOString() } : c);

/** Store the row outcomes gathered since the last save (outside the import's transaction: a dry run keeps them). */
async function storeOutcomes(db: Db, id: number, p: Pick<Progress, 'pending'>): Promise<void> {
  while (p.pending?.length) {
    const part = p.pending.splice(0, 1000);
    const doc = JSON.stringify(
      withoutNul(
        part.map((o) => ({
          r: o.row,
          o: o.outcome,
          c: o.cells?.map(cellJson) ?? null,
          e: o.errors ?? null,
          i: o.match?.id ?? null,
          l: o.match?.label ?? null,
          b: o.match?.by ?? null,
          s: o.match?.sameAsRow ?? null,
        })),
      ),
    );
    await sql`insert into sys_import_row (import_id, row, outcome, cells, errors, record_id, record_label, matched_by, same_as_row)
      select ${id}, u.r, u.o, u.c, u.e, u.i, u.l, u.b, u.s
      from jsonb_to_recordset(${doc}::jsonb) as u(r integer, o text, c jsonb, e jsonb, i bigint, l text, b text, s integer)
      on conflict do nothing`.execute(db);
  }
}

export async function saveProgress(
  db: Db,
  id: number,
  /** Without `pending`, only the counters are saved. */
  p: Omit<Progress, 'pending' | 'createdRows'> & Partial<Pick<Progress, 'pending'>>,
  status?: ImportStatus,
  reason?: ImportReason | null,
) {
  if (p.pending) await storeOutcomes(db, id, { pending: p.pending });
  await sql`update sys_import set total = ${p.total}, processed = ${p.processed}, created = ${p.created}, updated = ${p.updated},
    skipped = ${p.skipped}, failed = ${p.failed}, errors = ${JSON.stringify(withoutNul(p.errors))}
    ${status ? sql`, status = ${status}` : sql``}
    ${reason !== undefined ? sql`, message = ${reason}` : sql``}
    ${status === 'done' || status === 'failed' ? sql`, finished_at = now()` : sql``}
    where id = ${id}`.execute(db);
}

/** An import job's row, for its owner or an administrator only (else NOT_FOUND). */
export async function importJobRow(ctx: Ctx, id: number): Promise<Record<string, any>> {
  const r = await sql<Record<string, any>>`select * from sys_import where id = ${id}`.execute(ctx.db);
  const j = r.rows[0];
  if (!j || (Number(j.user_id) !== ctx.actor.userId && !ctx.actor.isAdmin)) throw new KehuError('NOT_FOUND');
  return j;
}

/** One import job with its progress and first errors, for its owner or an administrator only (else NOT_FOUND). */
export async function readImportJob(ctx: Ctx, id: number) {
  const j = await importJobRow(ctx, id);
  const options = j.options as ImportOptions;
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : (d ?? null));
  return {
    id: Number(j.id),
    object: j.object,
    status: j.status as ImportStatus,
    dryRun: options.dryRun,
    mode: options.mode,
    duplicates: options.duplicates ?? null,
    /** True once the rows are in the database (never for a dry run or a failed all-or-nothing import). */
    committed: j.status === 'done' && !options.dryRun,
    total: j.total,
    processed: j.processed,
    created: j.created,
    updated: j.updated,
    skipped: j.skipped,
    failed: j.failed,
    header: (j.header as string[] | null) ?? [],
    errors: (j.errors as RowError[]).map((e) => describeError(ctx, j.object, e)),
    message: j.message ? translate(ctx.locale, `import.${j.message}`) : null,
    createdAt: iso(j.created_at),
    finishedAt: iso(j.finished_at),
  };
}
