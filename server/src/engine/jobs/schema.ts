import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Db } from '../../db/pool.ts';

/** pg-boss keeps its tables in their own schema of the application's database. */
export const jobsSchema = 'pgboss';

/**
 * pg-boss runs its SQL through our Kysely connection (a pool, or one transaction), so jobs use the same
 * connections as everything else and a job can be enqueued inside the transaction that needs it.
 */
export function jobsExecutor(db: Db): PgBoss.Db {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      const r = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: r.rows as any[] };
    },
  };
}

/**
 * Create (or upgrade) pg-boss's schema. Called by `migrate()`, so that the test template already holds it
 * and every process starts without DDL.
 */
export async function installJobsSchema(db: Db): Promise<void> {
  const boss = new PgBoss({
    db: jobsExecutor(db),
    schema: jobsSchema,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: false });
}
