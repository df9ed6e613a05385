import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';
import { KehuError } from '../errors.ts';
import { jobsSchema } from './schema.ts';

export const jobStates = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

export interface JobRow {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  /** For failed jobs: the error the handler threw (message and stack as pg-boss kept them). */
  output: unknown;
  retryCount: number;
  retryLimit: number;
  createdOn: string;
  startedOn: string | null;
  completedOn: string | null;
  archived: boolean;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : ((v as string | null) ?? null));

/**
 * Jobs in one state, newest first, for administrators (failed jobs must not go unnoticed). Reads the live
 * table and the archive, where pg-boss moves finished jobs after a while.
 */
export async function listJobs(db: Db, state: string, opts: { name?: string; limit?: number } = {}): Promise<JobRow[]> {
  if (!(jobStates as readonly string[]).includes(state))
    throw new KehuError('VALIDATION_FAILED', { fields: 'state' }, { state: 'invalidOption' });
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 500);
  const byName = opts.name ? sql`and name = ${opts.name}` : sql``;
  const cols = sql`id::text, name, state::text, data, output, retry_count, retry_limit, created_on, started_on, completed_on`;
  const r = await sql<Record<string, any>>`select * from (
      select ${cols}, false as archived from ${sql.table(`${jobsSchema}.job`)} where state::text = ${state} ${byName}
      union all
      select ${cols}, true as archived from ${sql.table(`${jobsSchema}.archive`)} where state::text = ${state} ${byName}
    ) j where name not like '\\_\\_pgboss%' order by created_on desc limit ${limit}`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    name: x.name,
    state: x.state,
    data: x.data,
    output: x.output,
    retryCount: x.retry_count,
    retryLimit: x.retry_limit,
    createdOn: iso(x.created_on)!,
    startedOn: iso(x.started_on),
    completedOn: iso(x.completed_on),
    archived: x.archived,
  }));
}
