import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import type { Jobs } from '../jobs/jobs.ts';

/**
 * Imports a crash interrupted (CUS-11, OPS-1). An import writes the whole file in one transaction, so a process that
 * dies (`kill -9`, power loss) takes every row of it along: nothing of the job reached the database. What remains is
 * its sys_import row, still "queued" or "running" with counts of rows that were never committed, and its upload on
 * disk. Such a job is ended as failed with the reason `interrupted` (服务重启，导入中断), its committed counts set to
 * what did commit (none), its upload removed.
 *
 * Which jobs are orphaned: a process runs each job under a lease (`runLeased`), a session advisory lock on a
 * connection of its own that PostgreSQL releases when the process or its connection dies. A queued or running job
 * whose lease is free has nobody working on it — with several processes on one database (OPS-2), the others' jobs
 * are left alone. Recovery runs at start and every few minutes (`importRecoveryJob`), for a process that crashed and
 * was not restarted.
 */

/** The reason an interrupted job failed with (`import.interrupted`, translated when the job is read). */
export const interruptedReason = 'interrupted';
export const importRecoveryJob = 'kehu.import-recovery';

const liveStatuses = ['queued', 'running'];
const leaseKey = (id: number) => sql`hashtextextended(${`kehu-import:${id}`}, 0)`;

/** Where uploads wait for their job (`<data dir>/imports`, as the import routes store them). */
const uploadsOf = (dataDir: string) => path.join(path.resolve(dataDir), 'imports');

/** An upload older than this that no live job names is a leftover (an upload or a preview cut off by a crash). */
const strayAfterMs = 60 * 60_000;

/**
 * Run import job `id` while holding its lease. The job runs only if it is still queued or running once the lease is
 * held: a job that recovery ended in the meantime (its lease was free for a moment before this call) stays ended.
 */
export async function runLeased(db: Db, id: number, run: () => Promise<void>): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${leaseKey(id)})`.execute(conn);
    try {
      const r = await sql<{ status: string }>`select status from sys_import where id = ${id}`.execute(conn);
      if (r.rows[0] && liveStatuses.includes(r.rows[0].status)) await run();
    } finally {
      await sql`select pg_advisory_unlock(${leaseKey(id)})`.execute(conn).catch(() => undefined);
    }
  });
}

/** Remove an upload, only ever inside the uploads directory (the path comes from the database). */
function removeUpload(uploads: string, file: unknown): void {
  if (typeof file !== 'string') return;
  const resolved = path.resolve(file);
  if (path.dirname(resolved) !== uploads) return;
  fs.rmSync(resolved, { force: true });
}

/** End one orphaned job; false when its lease is held (a live process works on it) or it has ended already. */
async function endIfOrphaned(db: Db, id: number): Promise<boolean> {
  return db.connection().execute(async (conn) => {
    const lease = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${leaseKey(id)}) as ok`.execute(conn);
    if (!lease.rows[0]?.ok) return false;
    try {
      // One transaction wrote everything or nothing: after a crash nothing was created or updated.
      const r = await sql<{ id: number }>`update sys_import set status = 'failed', message = ${interruptedReason},
          created = 0, updated = 0, finished_at = now()
        where id = ${id} and status in ('queued', 'running') returning id`.execute(conn);
      return r.rows.length > 0;
    } finally {
      await sql`select pg_advisory_unlock(${leaseKey(id)})`.execute(conn).catch(() => undefined);
    }
  });
}

/** Uploads no live job names, older than an hour (one being received right now is younger). */
async function removeStrayUploads(db: Db, uploads: string): Promise<number> {
  let names: string[];
  try {
    names = fs.readdirSync(uploads);
  } catch {
    return 0;
  }
  const live = await sql<{ file: string | null }>`select options->>'file' as file from sys_import
    where status in ('queued', 'running')`.execute(db);
  const named = new Set(live.rows.map((r) => (r.file ? path.resolve(r.file) : '')));
  let removed = 0;
  for (const name of names) {
    const file = path.join(uploads, name);
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || named.has(file) || Date.now() - stat.mtimeMs < strayAfterMs) continue;
      fs.rmSync(file, { force: true });
      removed++;
    } catch {
      /* removed meanwhile */
    }
  }
  return removed;
}

/** End every orphaned import job and remove its upload (and stray uploads); returns the ids of the jobs ended. */
export async function recoverInterruptedImports(db: Db, dataDir: string): Promise<number[]> {
  const uploads = uploadsOf(dataDir);
  const open = await sql<{ id: number; file: string | null }>`select id, options->>'file' as file from sys_import
    where status in ('queued', 'running') order by id`.execute(db);
  const ended: number[] = [];
  for (const job of open.rows) {
    if (!(await endIfOrphaned(db, Number(job.id)))) continue;
    removeUpload(uploads, job.file);
    ended.push(Number(job.id));
  }
  await removeStrayUploads(db, uploads);
  return ended;
}

/** Recovery every five minutes, run by one process of the installation (a crashed one may never come back). */
export function defineImportRecovery(jobs: Jobs, db: Db, dataDir: string): void {
  void jobs.define(importRecoveryJob, async () => ({ ended: await recoverInterruptedImports(db, dataDir) }), {
    retryLimit: 0,
    expireInSeconds: 300,
  });
  void jobs.schedule(importRecoveryJob, '*/5 * * * *');
}
