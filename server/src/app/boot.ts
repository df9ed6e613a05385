import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { type Database, openDatabase } from '../db/pool.ts';
import { loadSecretKey, useSecretKey } from '../engine/access/secret-box.ts';
import { sealStoredSecrets } from '../engine/access/two-factor.ts';
import { Engine } from '../engine/kernel.ts';
import { followMetadata } from '../engine/metadata/sync.ts';
import { defineImportRecovery, recoverInterruptedImports } from '../engine/transfer/import-recovery.ts';
import { buildApp } from '../http/app.ts';
import { modules } from '../modules/index.ts';
import type { KehuModule } from '../modules/module.ts';

export interface Kehu {
  database: Database;
  engine: Engine;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Engine with every module's objects and hooks (no database work). */
export function createEngine(database: Database, config: Config, mods: KehuModule[] = modules): Engine {
  const engine = new Engine({
    db: database.db,
    timezone: config.timezone,
    dataDir: config.dataDir,
    exportApprovalRows: config.exportApprovalRows,
    mail: { url: config.smtpUrl, from: config.mailFrom },
  });
  for (const m of mods) for (const decl of m.objects ?? []) engine.registry.register(decl);
  for (const m of mods) m.setup?.(engine);
  defineImportRecovery(engine.jobs, database.db, config.dataDir);
  return engine;
}

/**
 * Open the database, migrate it forward (OPS-4), end the imports a crash interrupted, and build the HTTP app.
 * Background work a crash cut off otherwise resumes by itself: outbox events and jobs are claimed in transactions
 * that died with the process, and a job pg-boss had started is expired and retried after its `expireInSeconds`.
 */
export async function bootKehu(config: Config, databaseUrl: string, mods: KehuModule[] = modules): Promise<Kehu> {
  const database = openDatabase(databaseUrl, 20);
  const engine = createEngine(database, config, mods);
  await migrate(database.db, engine.registry);
  useSecretKey(loadSecretKey(config.dataDir, config.secretKey));
  await sealStoredSecrets(database.db);
  const interrupted = await recoverInterruptedImports(database.db, config.dataDir);
  const app = await buildApp(
    engine,
    config,
    mods.flatMap((m) => (m.routes ? [m.routes] : [])),
  );
  if (interrupted.length) app.log.warn({ imports: interrupted }, 'imports interrupted by a restart were marked failed');
  engine.bus.start();
  await engine.jobs.start({ onError: (err) => app.log.error({ err }, 'jobs') });
  const stopFollowing = await followMetadata(databaseUrl, database.db, engine.registry);
  await engine.live.start(databaseUrl);
  return {
    database,
    engine,
    app,
    async close() {
      await app.close();
      await engine.jobs.stop();
      await engine.bus.stop();
      engine.mail.close();
      await stopFollowing();
      await engine.live.stop();
      await database.close();
    },
  };
}
