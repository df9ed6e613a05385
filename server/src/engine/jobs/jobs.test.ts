import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase } from '../../../test/harness.ts';
import { type Database, openDatabase } from '../../db/pool.ts';
import { type Ctx, transaction } from '../context.ts';
import { Jobs } from './jobs.ts';
import { listJobs } from './monitor.ts';

// Two "processes": two job services on one database, each with its own connection pool.
let dbA: Database;
let dbB: Database;
let a: Jobs;
let b: Jobs;
const fast = { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 };

beforeAll(async () => {
  const url = await createTestDatabase();
  dbA = openDatabase(url, 4);
  dbB = openDatabase(url, 4);
  a = new Jobs(dbA.db, 'Asia/Shanghai');
  b = new Jobs(dbB.db, 'Asia/Shanghai');
  await a.start(fast);
  await b.start(fast);
});

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await dbA?.close();
  await dbB?.close();
});

const minuteOf = (t: number) => Math.floor(t / 60_000);

describe('OPS-2 scheduled jobs across processes', () => {
  test('OPS-2 a job scheduled by two processes runs once per cron slot, in one of them', async () => {
    const runs: Array<{ by: string; id: string }> = [];
    const started = Date.now();
    for (const [name, jobs] of [
      ['a', a],
      ['b', b],
    ] as const) {
      await jobs.define('test-every-minute', (_data, job) => {
        runs.push({ by: name, id: job.id });
      });
      await jobs.schedule('test-every-minute', '* * * * *', { from: name });
    }
    await expect.poll(() => runs.length, { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    // Let both processes check their schedules a few more times: no second run may appear in the same slot.
    await new Promise((r) => setTimeout(r, 3000));
    const slots = minuteOf(Date.now()) - minuteOf(started) + 1;
    expect(runs.length).toBeLessThanOrEqual(slots);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    await a.unschedule('test-every-minute');
  });

  test('OPS-2 a job sent once is handled once although both processes work its queue', async () => {
    const seen: string[] = [];
    for (const [name, jobs] of [
      ['a', a],
      ['b', b],
    ] as const)
      await jobs.define('test-once', (data: { n: number }) => {
        seen.push(`${name}:${data.n}`);
      });
    for (let n = 0; n < 10; n++) await (n % 2 ? a : b).send('test-once', { n });
    await expect.poll(() => seen.length, { timeout: 20_000, interval: 100 }).toBe(10);
    expect(new Set(seen.map((s) => s.split(':')[1])).size).toBe(10);
  });

  test('OPS-2 a failing job is retried with its data, then completes', async () => {
    const attempts: number[] = [];
    await a.define(
      'test-flaky',
      (_data, job) => {
        attempts.push(job.retryCount);
        if (job.retryCount < 2) throw new Error('not yet');
      },
      { retryLimit: 3, retryDelay: 1, retryBackoff: false },
    );
    const id = await a.send('test-flaky', { customer: 7 });
    await expect.poll(() => attempts, { timeout: 20_000, interval: 100 }).toEqual([0, 1, 2]);
    await expect
      .poll(async () => (await listJobs(dbA.db, 'completed', { name: 'test-flaky' })).map((j) => j.id), {
        timeout: 10_000,
      })
      .toContain(id);
  });

  test('OPS-2 a job that keeps failing ends as failed with its error, visible to the monitor', async () => {
    await b.define(
      'test-broken',
      () => {
        throw new Error('客户数据不完整');
      },
      { retryLimit: 1, retryDelay: 1, retryBackoff: false },
    );
    const id = await b.send('test-broken', { customer: 8 });
    await expect
      .poll(async () => (await listJobs(dbA.db, 'failed', { name: 'test-broken' })).map((j) => j.id), {
        timeout: 20_000,
        interval: 200,
      })
      .toContain(id);
    const [job] = await listJobs(dbA.db, 'failed', { name: 'test-broken' });
    expect(job).toMatchObject({ name: 'test-broken', data: { customer: 8 }, retryCount: 1 });
    expect(JSON.stringify(job.output)).toContain('客户数据不完整');
  });

  test('OPS-2 singleton keys and transactional sends', async () => {
    for (const jobs of [a, b]) await jobs.define('test-later', () => undefined);
    const first = await a.send('test-later', {}, { singletonKey: 'customer-9', startAfter: 3600 });
    const second = await b.send('test-later', {}, { singletonKey: 'customer-9', startAfter: 3600 });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    // A job sent inside a transaction that rolls back never existed.
    await expect(
      transaction({ db: dbA.db } as Ctx, async (tx) => {
        await a.send('test-later', { n: 1 }, { ctx: tx, startAfter: 3600 });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const waiting = await sql<{
      n: number;
    }>`select count(*)::int as n from pgboss.job where name = 'test-later'`.execute(dbA.db);
    expect(waiting.rows[0].n).toBe(1);
  });
});
