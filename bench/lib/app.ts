import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootKehu, type Kehu } from '../../server/src/app/boot.ts';
import { seedFirstStart } from '../../server/src/app/seed.ts';
import { loadConfig } from '../../server/src/config.ts';
import { type EmbeddedServer, startEmbedded } from '../../server/src/db/embedded.ts';
import { type Database, openDatabase } from '../../server/src/db/pool.ts';
import type { KehuModule } from '../../server/src/modules/module.ts';
import { freePort } from '../../server/test/ports.ts';

export interface BenchApp {
  kehu: Kehu;
  /** The temporary directory (PostgreSQL can read files in it, for COPY). */
  dir: string;
  baseUrl: string;
  /** A second pool for the raw SQL beside each API call. */
  raw: Database;
  close(): Promise<void>;
}

/** Server settings for a 1M-row benchmark on a developer machine. */
export const benchPgFlags = [
  '-c',
  'shared_buffers=1GB',
  '-c',
  'work_mem=32MB',
  '-c',
  'maintenance_work_mem=1GB',
  '-c',
  'max_wal_size=8GB',
];

export interface BenchAppOptions {
  adminPassword: string;
  /** Modules whose demo data the first start loads (none by default). */
  modules?: KehuModule[];
  /** Modules the app runs (every module by default; `[]` for the engine alone). */
  load?: KehuModule[];
  /** PostgreSQL settings (`benchPgFlags` by default). */
  flags?: string[];
}

/** Server settings of the import benchmarks. */
export const importPgFlags = ['-c', 'shared_buffers=1GB', '-c', 'max_wal_size=8GB'];

/**
 * A throw-away embedded PostgreSQL in a temporary directory and a Kehu on it (first start seeded with
 * `adminPassword`), listening on a loopback port. `close()` removes it all.
 */
export async function startBenchApp(opts: BenchAppOptions): Promise<BenchApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-bench-'));
  fs.chmodSync(dir, 0o755);
  let server: EmbeddedServer | undefined;
  let kehu: Kehu | undefined;
  let raw: Database | undefined;
  const close = async () => {
    await kehu?.close().catch(() => undefined);
    await raw?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    server = await startEmbedded({
      dir: path.join(dir, 'pg'),
      port: await freePort(),
      ephemeral: true,
      flags: opts.flags ?? benchPgFlags,
    });
    const config = loadConfig({
      KEHU_DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'silent',
      KEHU_LOGIN_RATE_LIMIT: '100000',
    });
    kehu = await bootKehu(config, server.url, opts.load);
    await seedFirstStart(kehu.engine, opts.adminPassword, () => undefined, opts.modules ?? []);
    await kehu.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = kehu.app.server.address() as { port: number };
    raw = openDatabase(server.url, 2);
    return { kehu, dir, baseUrl: `http://127.0.0.1:${port}`, raw, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Run `fn` on a fresh bench app and remove the app afterwards (also on Ctrl-C). */
export async function withBenchApp(opts: BenchAppOptions, fn: (app: BenchApp) => Promise<void>): Promise<void> {
  const app = await startBenchApp(opts);
  process.once('SIGINT', () => void app.close().then(() => process.exit(130)));
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}
