import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../../db/pool.ts';
import { accessChannel, clearAccessCaches } from '../access/access-cache.ts';
import { loadCustomMetadata } from './custom.ts';
import type { Registry } from './registry.ts';

const channel = 'kehu_metadata';

/** Tell every process that administrators changed objects or fields (sent on commit by PostgreSQL). */
export async function announceMetadataChange(db: Db): Promise<void> {
  await sql`select pg_notify(${channel}, '')`.execute(db);
}

/**
 * Keep this process's registry in step with custom metadata created by other processes (OPS-2):
 * LISTEN on a dedicated connection and reload on each notification. Returns a stop function.
 */
export async function followMetadata(url: string, db: Db, registry: Registry): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url, application_name: 'kehu-metadata' });
  client.on('error', () => undefined);
  await client.connect();
  let chain = Promise.resolve();
  let stopped = false;
  const reload = () => {
    if (stopped) return;
    chain = chain.then(() => loadCustomMetadata(db, registry)).catch(() => undefined);
  };
  client.on('notification', (n) => {
    if (n.channel === accessChannel) {
      clearAccessCaches();
      return;
    }
    reload();
    // A notification can overtake the visibility of the transaction that sent it: look once more shortly after.
    setTimeout(reload, 250).unref();
  });
  await client.query(`listen ${channel}`);
  await client.query(`listen ${accessChannel}`);
  return async () => {
    stopped = true;
    await chain;
    await client.end().catch(() => undefined);
  };
}
