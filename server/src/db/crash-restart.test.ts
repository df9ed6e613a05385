import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ApiClient } from '../../test/api-client.ts';
import { freePort } from '../../test/ports.ts';
import { csvOf, upload } from '../http/transfer-test-kit.ts';
import { clearLeftovers, isAlive, lockFilePid } from './leftovers.ts';
import { spawnKehu, stopAll } from './start-test-kit.ts';

/**
 * OPS-1: Kehu killed outright (`kill -9`, power loss) starts again by itself. Real processes: the server entry as
 * `npm start` runs it, its embedded PostgreSQL in a temporary data directory (without fsync, which a killed process
 * does not need: the operating system keeps what was handed to it at each commit).
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-crash-'));
fs.chmodSync(dataDir, 0o755);
const pgDir = path.join(dataDir, 'postgres');
const uploads = path.join(dataDir, 'imports');
const password = 'Crash-Test-Password-1';
const children: ChildProcess[] = [];
let env: Record<string, string>;

afterAll(async () => {
  await stopAll(children);
  await clearLeftovers(pgDir); // a PostgreSQL orphaned by a failed assertion
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(): Promise<ApiClient> {
  const c = new ApiClient(`http://127.0.0.1:${env.PORT}`);
  const r = await c.login('admin', password);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return c;
}

const pause = () => new Promise((r) => setTimeout(r, 50));
const uploadsLeft = () => (fs.existsSync(uploads) ? fs.readdirSync(uploads) : []);

describe('OPS-1 restart after a crash', () => {
  test('OPS-1 CUS-11 kill -9 during an import: the next start stops the orphaned PostgreSQL, ends the job as interrupted with nothing of it saved, and removes its upload', async () => {
    env = {
      KEHU_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      KEHU_PG_PORT: String(await freePort()),
      KEHU_ADMIN_PASSWORD: password,
      KEHU_DEMO: '0',
      KEHU_PG_NO_SYNC: '1',
    };
    const first = spawnKehu(env, children);
    await first.waitFor('Kehu is running');
    expect(first.output()).not.toContain('Demo data loaded');
    const admin = await signedIn();
    const rows = Array.from({ length: 6000 }, (_, i) => [
      `崩溃测试${String(i).padStart(4, '0')}专用车有限公司`,
      '直接客户',
    ]);
    const started = await upload(
      admin,
      '/api/objects/customer/import',
      csvOf([['客户名称', '客户类型'], ...rows]),
      'customers.csv',
      { dryRun: false, mode: 'validRows' },
    );
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.data.id as number;
    // Killed once the job has written (and reported) its first rows, with most of the file still to go.
    let job: Record<string, any>;
    for (;;) {
      job = (await admin.get(`/api/imports/${id}`)).body.data;
      expect(job.status).not.toBe('done');
      if (job.status === 'running' && job.created > 0) break;
      await pause();
    }
    expect(job.created).toBeLessThan(6000);
    expect(uploadsLeft()).toHaveLength(1);
    const postmaster = lockFilePid(pgDir)!;
    expect(isAlive(postmaster)).toBe(true);
    first.child.kill('SIGKILL');
    await first.exited;
    // Its PostgreSQL lives on without it, holding the port and the data directory.
    expect(isAlive(postmaster)).toBe(true);

    const second = spawnKehu(env, children);
    await second.waitFor('Kehu is running');
    expect(second.output()).toContain(`PostgreSQL (pid ${postmaster}) is still running in ${pgDir}`);
    expect(second.output()).not.toContain('already in use');
    expect(isAlive(postmaster)).toBe(false);
    const again = await signedIn();
    const after = await again.get(`/api/imports/${id}`);
    expect(after.status).toBe(200);
    expect(after.body.data).toMatchObject({
      status: 'failed',
      committed: false,
      created: 0,
      updated: 0,
      message: '服务重启，导入中断，未导入任何数据，请重新导入',
    });
    expect(after.body.data.finishedAt).not.toBeNull();
    again.locale = 'en-US';
    expect((await again.get(`/api/imports/${id}`)).body.data.message).toContain('interrupted');
    const saved = await again.list('customer', {
      filter: { field: 'name', op: 'contains', value: '崩溃测试' },
      count: 'true',
      limit: '1',
    });
    expect(saved.body.total).toBe(0);
    expect(uploadsLeft()).toEqual([]);
    // Importing works again: a new job is not held up by the old one.
    const retry = await upload(
      again,
      '/api/objects/customer/import',
      csvOf([['客户名称', '客户类型'], ...rows.slice(0, 3)]),
      'customers.csv',
      { dryRun: false, mode: 'validRows' },
    );
    expect(retry.status).toBe(202);
    let done: Record<string, any>;
    for (;;) {
      done = (await again.get(`/api/imports/${retry.body.data.id}`)).body.data;
      if (done.status !== 'queued' && done.status !== 'running') break;
      await pause();
    }
    expect(done).toMatchObject({ status: 'done', committed: true, created: 3 });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(fs.existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
  }, 300_000);

  test('OPS-1 a PostgreSQL lock file naming another program or a finished process (reboot, power loss) is removed, and Kehu starts', async () => {
    const other = spawn('sleep', ['600']);
    children.push(other);
    const gone = spawn('true');
    await new Promise((r) => gone.once('exit', r));
    for (const pid of [other.pid!, gone.pid!]) {
      fs.writeFileSync(path.join(pgDir, 'postmaster.pid'), `${pid}\n${pgDir}\n1700000000\n${env.KEHU_PG_PORT}\n\n`);
      fs.writeFileSync(path.join(dataDir, 'kehu.pid'), `${pid} 1`); // Kehu's own pid file, just as stale
      const kehu = spawnKehu(env, children);
      await kehu.waitFor('Kehu is running');
      expect(kehu.output()).toContain(`Removing a stale PostgreSQL lock file (pid ${pid}`);
      expect((await (await signedIn()).get('/api/imports/1')).status).toBe(200);
      kehu.child.kill('SIGTERM');
      expect(await kehu.exited).toBe(0);
    }
    expect(isAlive(other.pid!)).toBe(true); // the other program was left alone
    other.kill();
  }, 300_000);

  test('OPS-1 Kehu and its PostgreSQL killed at once (power loss): the next start recovers the database with what was saved', async () => {
    const first = spawnKehu(env, children);
    await first.waitFor('Kehu is running');
    const saved = await (await signedIn()).post('/api/objects/customer', {
      name: '断电测试专用车有限公司',
      type: 'direct',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const postmaster = lockFilePid(pgDir)!;
    process.kill(postmaster, 'SIGKILL');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(fs.existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(true);

    const second = spawnKehu(env, children);
    await second.waitFor('Kehu is running');
    expect(second.output()).toContain('Removing a stale PostgreSQL lock file');
    const back = await (await signedIn()).get(`/api/objects/customer/${saved.body.data.id}`);
    expect(back.status).toBe(200);
    expect(back.body.data.name).toBe('断电测试专用车有限公司');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 300_000);
});
