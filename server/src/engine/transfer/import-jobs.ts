import { type Locale, translate } from '@kehu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { ImportOptions, RowError } from './import-options.ts';
import type { Progress } from './import-progress.ts';

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
) {
  const r = await sql<{ id: number }>`insert into sys_import (object, user_id, status, options)
    values (${object}, ${userId}, 'queued', ${JSON.stringify(options)}) returning id`.execute(db);
  return Number(r.rows[0].id);
}

export async function saveProgress(
  db: Db,
  id: number,
  p: Progress,
  status?: ImportStatus,
  reason?: ImportReason | null,
) {
  await sql`update sys_import set total = ${p.total}, processed = ${p.processed}, created = ${p.created}, updated = ${p.updated},
    skipped = ${p.skipped}, failed = ${p.failed}, errors = ${JSON.stringify(p.errors)}
    ${status ? sql`, status = ${status}` : sql``}
    ${reason !== undefined ? sql`, message = ${reason}` : sql``}
    ${status === 'done' || status === 'failed' ? sql`, finished_at = now()` : sql``}
    where id = ${id}`.execute(db);
}

function messageOf(locale: Locale, code: string): string {
  return translate(locale, /^[a-z]/.test(code) ? `field.${code}` : `error.${code}`, { field: '', detail: '' });
}

/** One import job with its progress and errors, for its owner or an administrator only (else NOT_FOUND). */
export async function readImportJob(ctx: Ctx, id: number) {
  const r = await sql<Record<string, any>>`select * from sys_import where id = ${id}`.execute(ctx.db);
  const j = r.rows[0];
  if (!j || (Number(j.user_id) !== ctx.actor.userId && !ctx.actor.isAdmin)) throw new KehuError('NOT_FOUND');
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
    errors: (j.errors as RowError[]).map((e) => ({ ...e, message: messageOf(ctx.locale, e.code) })),
    message: j.message ? translate(ctx.locale, `import.${j.message}`) : null,
    createdAt: iso(j.created_at),
    finishedAt: iso(j.finished_at),
  };
}
