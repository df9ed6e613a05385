import { sql } from 'kysely';
import type { Db } from '../../db/pool.ts';

export interface RecordEvent {
  id: number;
  object: string;
  recordId: number | null;
  action: string;
  actorId: number | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export type Subscriber = (e: RecordEvent) => Promise<void> | void;

/**
 * The one event bus (INT-3). Events come from the outbox after commit; each is claimed by one process
 * (SKIP LOCKED), handed to every subscriber, then marked published. A failing subscriber makes the event
 * retry later (up to 10 attempts); nothing is lost when the process dies, since the row stays pending.
 */
export class EventBus {
  private readonly subscribers: Array<{ name: string; fn: Subscriber }> = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly db: Db) {}

  subscribe(name: string, fn: Subscriber): void {
    this.subscribers.push({ name, fn });
  }

  /** Poll every `intervalMs` as a safety net for events written by other processes or left by a crash. */
  start(intervalMs = 1000): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Dispatch pending events now (called after each commit). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Process pending events until none are left; resolves when done (tests await it). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.transaction().execute(async (trx) => {
        const rows = await sql<Record<string, any>>`select id, object, record_id, action, actor_id, payload, created_at
          from sys_outbox where published_at is null and attempts < 10 and (last_error is null or created_at < now() - interval '1 second' * power(2, attempts))
          order by id limit 100 for update skip locked`.execute(trx);
        for (const r of rows.rows) {
          const e: RecordEvent = {
            id: r.id,
            object: r.object,
            recordId: r.record_id,
            action: r.action,
            actorId: r.actor_id,
            payload: r.payload,
            createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : r.created_at,
          };
          try {
            for (const s of this.subscribers) await s.fn(e);
            await sql`update sys_outbox set published_at = now() where id = ${r.id}`.execute(trx);
          } catch (err) {
            await sql`update sys_outbox set attempts = attempts + 1, last_error = ${String(err).slice(0, 500)} where id = ${r.id}`.execute(
              trx,
            );
          }
        }
        return rows.rows.length;
      });
      total += n;
      if (n < 100) return total;
    }
  }
}
