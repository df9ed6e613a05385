import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort } from '../../test/ports.ts';
import { spawnKehu, stopAll } from './start-test-kit.ts';

/** OPS-1: `npm start` runs Kehu on an embedded PostgreSQL in the data directory, and stops it cleanly. */
const { Client } = pg;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-start-'));
fs.chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];
const startKehu = (env: Record<string, string>) => spawnKehu(env, children);

afterAll(async () => {
  await stopAll(children);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('OPS-1 embedded PostgreSQL', () => {
  test('OPS-1 starts with an embedded PostgreSQL tuned to the machine (administrator settings on top), refuses a second owner of the data directory or a taken port, stops on SIGTERM, restarts on the same data', async () => {
    const port = String(await freePort());
    const pgPort = String(await freePort());
    const env = {
      KEHU_DATA_DIR: dataDir,
      PORT: port,
      KEHU_PG_PORT: pgPort,
      KEHU_ADMIN_PASSWORD: 'Start-Test-Password-1',
    };
    const first = startKehu(env);
    await first.waitFor('Kehu is running');
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(first.output()).toContain('Demo data loaded');
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Start-Test-Password-1' }),
    });
    expect(login.status).toBe(200);

    const second = startKehu({ ...env, PORT: String(await freePort()), KEHU_PG_PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('Another Kehu process');

    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-start2-'));
    const third = startKehu({ ...env, KEHU_DATA_DIR: otherDir });
    expect(await third.exited).toBe(1);
    expect(third.output()).toContain(`HTTP port ${port}`);
    fs.rmSync(otherDir, { recursive: true, force: true });

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'kehu.pid'))).toBe(false);

    // The administrator's PostgreSQL settings: a malformed line stops the start naming its place.
    const settingsFile = path.join(dataDir, 'postgres.settings');
    fs.writeFileSync(settingsFile, '# tuned by ops\nwork_mem 7MB\n');
    const refused = startKehu(env);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('line 2: "work_mem 7MB" is not name = value');
    fs.writeFileSync(settingsFile, '# tuned by ops\nwork_mem = 7MB\n');

    const again = startKehu(env);
    await again.waitFor('Kehu is running');
    expect(again.output()).not.toContain('administrator account created');
    expect(again.output()).not.toContain('Demo data loaded');
    // Tuned to the machine, with the administrator's setting on top.
    const password = fs.readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim();
    const pg = new Client({
      host: '127.0.0.1',
      port: Number(pgPort),
      user: 'postgres',
      password,
      database: 'postgres',
    });
    await pg.connect();
    const show = async (name: string) => (await pg.query(`show ${name}`)).rows[0][name];
    expect(await show('work_mem')).toBe('7MB');
    expect(await show('jit')).toBe('off');
    expect(await show('random_page_cost')).toBe('1.1');
    expect(await show('shared_buffers')).not.toBe('128MB');
    await pg.end();
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 240_000);
});
