import { type Migration, Migrator, sql } from 'kysely';
import { installJobsSchema } from '../engine/jobs/schema.ts';
import { loadCustomMetadata } from '../engine/metadata/custom.ts';
import { syncSchema } from '../engine/metadata/ddl.ts';
import type { Registry } from '../engine/metadata/registry.ts';
import * as m0001 from './migrations/0001-system.ts';
import * as m0002 from './migrations/0002-security.ts';
import * as m0003 from './migrations/0003-sharing.ts';
import * as m0004 from './migrations/0004-search.ts';
import * as m0005merge from './migrations/0005-merge.ts';
import * as m0006login from './migrations/0006-login-addresses.ts';
import * as m0007importRows from './migrations/0007-import-rows.ts';
import * as m0008nameKey from './migrations/0008-name-key.ts';
import * as m0009flows from './migrations/0009-flows.ts';
import * as m0010dictionary from './migrations/0010-dictionary.ts';
import * as m0011automation from './migrations/0011-automation.ts';
import type { Db } from './pool.ts';

/** System migrations, in order. Append only; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001-system': m0001,
  '0002-security': m0002,
  '0003-sharing': m0003,
  '0004-search': m0004,
  '0005-merge': m0005merge,
  '0006-login-addresses': m0006login,
  '0007-import-rows': m0007importRows,
  '0008-name-key': m0008nameKey,
  '0009-flows': m0009flows,
  '0010-dictionary': m0010dictionary,
  '0011-automation': m0011automation,
};

// One advisory lock key so that several processes starting together migrate one at a time.
const lockKey = 0x6b656875;

/**
 * Bring the database forward (OPS-4): system migrations, then the tables of every declared object,
 * then administrators' custom objects and fields. Safe to run on every start.
 */
export async function migrate(db: Db, registry: Registry): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${lockKey})`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        provider: { getMigrations: async () => migrations },
        migrationTableName: 'sys_migration',
        migrationLockTableName: 'sys_migration_lock',
        // Migrations from parallel branches may land out of name order; each runs exactly once.
        allowUnorderedMigrations: true,
      });
      const { error } = await migrator.migrateToLatest();
      if (error) throw error;
      await installJobsSchema(conn);
      await syncSchema(conn, registry);
      await loadCustomMetadata(conn, registry);
    } finally {
      await sql`select pg_advisory_unlock(${lockKey})`.execute(conn);
    }
  });
}
