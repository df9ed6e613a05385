import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Db } from '../../db/pool.ts';
import type { Ctx } from '../context.ts';
import { jobsExecutor, jobsSchema } from './schema.ts';

export interface JobInfo {
  id: string;
  name: string;
  /** 0 on the first attempt. */
  retryCount: number;
}

export type JobHandler<T = any> = (data: T, job: JobInfo) => Promise<unknown> | unknown;

export interface JobOptions {
  /** Attempts after the first failure (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry (default 30); doubled on each further retry when `retryBackoff`. */
  retryDelay?: number;
  /** Exponential backoff between retries (default true). */
  retryBackoff?: boolean;
  /** A run still active after this long is failed, then retried (default 15 minutes). */
  expireInSeconds?: number;
  /** Jobs of this kind run in parallel in one process (default 1). */
  concurrency?: number;
  /**
   * Jobs each worker takes per poll (default 1; a poll is every 2 s while the queue is busy or not). Larger batches
   * for many small jobs falling due together (step timeouts); a failing job fails its batch, so handlers must be
   * idempotent.
   */
  batchSize?: number;
  /** Jobs of one batch handled side by side (default 1: one after another). */
  parallel?: number;
  /** Seconds between a worker's polls for this kind (default: the engine's, 2 s); at least 0.5. */
  pollingIntervalSeconds?: number;
  /**
   * pg-boss queue policy for jobs sent with a `singletonKey`: `short` (default) keeps at most one waiting job
   * per key (one reminder per task and time), `singleton` at most one running, `stately` one waiting and one
   * running; `standard` ignores the key. Jobs sent without a key are never limited; a schedule keeps at most
   * one run waiting.
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
}

export interface SendOptions {
  /** Not before this time (a Date) or this many seconds from now. */
  startAfter?: Date | number;
  /** While a job with this key waits, sending another is a no-op returning null (see `JobOptions.policy`). */
  singletonKey?: string;
  /** At most one job (per key) in each window of this many seconds; another send returns null. */
  singletonSeconds?: number;
  /** Enqueue inside this context's transaction: the job exists only if the transaction commits. */
  ctx?: Ctx;
}

export interface JobsTuning {
  /** How often a worker looks for new jobs (default 2 s). */
  pollingIntervalSeconds?: number;
  /** How often schedules are checked (default 30 s; cron has minute precision). */
  cronMonitorIntervalSeconds?: number;
  /** How often due schedules become jobs (default 5 s). */
  cronWorkerIntervalSeconds?: number;
  onError?: (err: unknown) => void;
}

interface Definition {
  handler: JobHandler;
  opts: JobOptions;
}

/**
 * Background and scheduled jobs over pg-boss (jobs live in PostgreSQL): retries with backoff, cron schedules,
 * delayed and singleton jobs. Each job runs once across all processes (pg-boss claims it with SKIP LOCKED, and
 * one process per interval turns schedules into jobs). Modules define jobs in `setup()`; boot starts them.
 */
export class Jobs {
  private readonly defs = new Map<string, Definition>();
  private readonly schedules = new Map<string, { cron: string; data: object }>();
  private readonly queues = new Set<string>();
  private boss?: PgBoss;
  private started = false;
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly timezone: string,
  ) {}

  get running(): boolean {
    return this.started && !this.stopping;
  }

  /** Register a job kind; defining after start attaches its workers at once. */
  async define<T = any>(name: string, handler: JobHandler<T>, opts: JobOptions = {}): Promise<void> {
    if (this.defs.has(name)) throw new Error(`job ${name} is already defined`);
    this.defs.set(name, { handler, opts });
    if (this.running) await this.attach(name);
  }

  /** Run `name` on a cron schedule (in the engine's time zone); one schedule per job kind. */
  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    this.assertDefined(name);
    this.schedules.set(name, { cron, data });
    if (this.running) await this.boss!.schedule(name, cron, data, { tz: this.timezone });
  }

  async unschedule(name: string): Promise<void> {
    this.schedules.delete(name);
    if (this.running) await this.boss!.unschedule(name);
  }

  /** Queue one job; returns its id, or null when a singleton with the same key is already waiting. */
  async send(name: string, data: object = {}, opts: SendOptions = {}): Promise<string | null> {
    this.assertDefined(name);
    const boss = this.instance();
    await this.ensureQueue(name);
    const options: PgBoss.SendOptions = {};
    // Under the `short` policy a job without a key would share the empty key with every other one.
    options.singletonKey = opts.singletonKey ?? randomUUID();
    if (opts.singletonSeconds) options.singletonSeconds = opts.singletonSeconds;
    if (opts.startAfter !== undefined) options.startAfter = opts.startAfter;
    if (opts.ctx) options.db = jobsExecutor(opts.ctx.db);
    return boss.send(name, data, options);
  }

  /**
   * Create the queues of every defined job without starting anything: run where the schema is installed (the
   * test template), so that each process starting on a copy finds them and skips their DDL.
   */
  async prepare(): Promise<void> {
    for (const name of this.defs.keys()) await this.ensureQueue(name);
    this.queues.clear();
    this.boss = undefined;
  }

  /** Start pg-boss: workers for every defined job, and the schedules. */
  async start(tuning: JobsTuning = {}): Promise<void> {
    if (this.started) return;
    this.boss = undefined;
    this.queues.clear();
    const boss = this.instance(tuning);
    boss.on('error', (err) => {
      if (!this.stopping) (tuning.onError ?? (() => undefined))(err);
    });
    await boss.start();
    this.started = true;
    this.stopping = false;
    for (const name of this.defs.keys()) await this.attach(name);
    for (const [name, s] of this.schedules) await boss.schedule(name, s.cron, s.data, { tz: this.timezone });
  }

  /** Stop fetching and let running jobs finish (up to `timeoutMs`); the connection pool is the application's. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.started || this.stopping) return;
    this.stopping = true;
    await this.boss!.stop({ graceful: true, close: false, wait: true, timeout: timeoutMs });
    this.started = false;
    this.boss = undefined;
    this.queues.clear();
  }

  private instance(tuning: JobsTuning = {}): PgBoss {
    this.boss ??= new PgBoss({
      db: jobsExecutor(this.db),
      schema: jobsSchema,
      migrate: true,
      pollingIntervalSeconds: tuning.pollingIntervalSeconds ?? 2,
      cronMonitorIntervalSeconds: tuning.cronMonitorIntervalSeconds ?? 30,
      cronWorkerIntervalSeconds: tuning.cronWorkerIntervalSeconds ?? 5,
    });
    return this.boss;
  }

  private assertDefined(name: string): void {
    if (!this.defs.has(name)) throw new Error(`job ${name} is not defined`);
  }

  /** The queue with the job kind's retry policy (pg-boss needs a queue before jobs can be sent to it). */
  private async ensureQueue(name: string): Promise<void> {
    if (this.queues.has(name)) return;
    const { opts } = this.defs.get(name)!;
    const policy: PgBoss.Queue = {
      name,
      policy: opts.policy ?? 'short',
      retryLimit: opts.retryLimit ?? 3,
      retryDelay: opts.retryDelay ?? 30,
      retryBackoff: opts.retryBackoff ?? true,
      expireInSeconds: opts.expireInSeconds ?? 15 * 60,
    };
    const boss = this.instance();
    await boss.createQueue(name, policy);
    await boss.updateQueue(name, policy);
    this.queues.add(name);
  }

  private async attach(name: string): Promise<void> {
    await this.ensureQueue(name);
    const { handler, opts } = this.defs.get(name)!;
    const run = (job: PgBoss.JobWithMetadata<any>) =>
      handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount });
    const side = Math.max(1, opts.parallel ?? 1);
    const work = async (jobs: PgBoss.JobWithMetadata<any>[]) => {
      for (let i = 0; i < jobs.length; i += side) await Promise.all(jobs.slice(i, i + side).map(run));
    };
    const options: PgBoss.WorkOptions & { includeMetadata: true } = {
      batchSize: opts.batchSize ?? 1,
      includeMetadata: true,
    };
    if (opts.pollingIntervalSeconds) options.pollingIntervalSeconds = Math.max(0.5, opts.pollingIntervalSeconds);
    for (let i = 0; i < Math.max(1, opts.concurrency ?? 1); i++) await this.boss!.work(name, options, work);
  }
}
