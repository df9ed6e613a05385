import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createEngine } from '../src/app/boot.ts';
import { loadConfig } from '../src/config.ts';
import { startEmbedded } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase, withDatabase } from '../src/db/pool.ts';
import { freePort } from './ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    template: string;
  }
}

/**
 * One PostgreSQL for the whole run: the server in KEHU_TEST_DATABASE_URL (CI runs Debian's PostgreSQL 15
 * this way), else an embedded PostgreSQL 18 in a temporary directory. A migrated template database is
 * cloned by every test file.
 */
export default async function setup(project: TestProject) {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  let url = process.env.KEHU_TEST_DATABASE_URL;
  if (!url) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-test-'));
    fs.chmodSync(dir, 0o755);
    const server = await startEmbedded({ dir: path.join(dir, 'pg'), port: await freePort(), ephemeral: true });
    url = server.url;
    stopEmbedded = server.stop;
  }
  const template = `kehu_tpl_${randomBytes(4).toString('hex')}`;
  const admin = openDatabase(url, 1);
  await admin.pool.query(`create database ${template}`);
  const tpl = openDatabase(withDatabase(url, template), 2);
  const engine = createEngine(tpl, loadConfig({ KEHU_DATA_DIR: os.tmpdir() }));
  await migrate(tpl.db, engine.registry);
  await engine.jobs.prepare(); // job queues in the template: no queue DDL when each test boots a Kehu
  await tpl.close();
  project.provide('pgUrl', url);
  project.provide('template', template);
  return async () => {
    // Only this run's clones (kehu_t_<template id>_…): other runs on the same server keep theirs.
    const left = await admin.pool.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
      `${template.replace(/^kehu_tpl_/, 'kehu_t_')}\\_%`,
    ]);
    for (const r of left.rows)
      await admin.pool.query(`drop database if exists "${r.datname}" with (force)`).catch(() => undefined);
    await admin.pool.query(`drop database if exists ${template} with (force)`).catch(() => undefined);
    await admin.close();
    await stopEmbedded?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
