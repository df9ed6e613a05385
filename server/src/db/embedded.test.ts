import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort } from '../../test/ports.ts';
import { spawnKehu, stopAll } from './start-test-kit.ts';

/** OPS-1: `npm start` runs Kehu on an embedded PostgreSQL in the data directory, and stops it cleanly. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-start-'));
fs.chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];
const startKehu = (env: Record<string, string>) => spawnKehu(env, children);

afterAll(async () => {
  await stopAll(children);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('OPS-1 embedded PostgreSQL', () => {
  test('OPS-1 starts with an embedded PostgreSQL, refuses a second owner of the data directory or a taken port, stops on SIGTERM, restarts on the same data', async () => {
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

    const again = startKehu(env);
    await again.waitFor('Kehu is running');
    expect(again.output()).not.toContain('administrator account created');
    expect(again.output()).not.toContain('Demo data loaded');
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 240_000);
});
