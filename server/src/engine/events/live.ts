import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../../db/pool.ts';

const channel = 'kehu_live';
// PostgreSQL refuses payloads of 8000 bytes or more: recipients go in chunks.
const usersPerMessage = 200;

/** A message for signed-in users' open pages (a new notification, a changed unread count …). */
export interface LiveMessage {
  type: string;
  data: Record<string, unknown>;
}

export type LiveListener = (m: LiveMessage) => void;

/** Queue `type` for `users`; delivered to every process when the transaction of `db` commits (at once outside one). */
export async function publishLive(
  db: Db,
  users: number[],
  type: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  const unique = [...new Set(users)];
  for (let i = 0; i < unique.length; i += usersPerMessage) {
    const payload = JSON.stringify({ u: unique.slice(i, i + usersPerMessage), t: type, d: data });
    await sql`select pg_notify(${channel}, ${payload})`.execute(db);
  }
}

/** Queue `type` for every signed-in user's open pages (e.g. `metadata`: options changed, reload them). */
export async function publishLiveToAll(db: Db, type: string, data: Record<string, unknown> = {}): Promise<void> {
  await sql`select pg_notify(${channel}, ${JSON.stringify({ u: 'all', t: type, d: data })})`.execute(db);
}

/**
 * Live updates across processes (NOTIF-1, OPS-2): messages go through PostgreSQL NOTIFY (`publishLive`), sent
 * inside the writer's transaction so that PostgreSQL delivers them only on commit, to every process. Each process keeps one
 * LISTEN connection and fans messages out in memory to the listeners of the users they name (open SSE streams).
 */
export class LiveChannel {
  private readonly listeners = new Map<number, Set<LiveListener>>();
  private client?: pg.Client;
  private url?: string;
  private stopped = true;
  private retry?: NodeJS.Timeout;

  /** Receive the messages for one user in this process; returns the unsubscribe function. */
  subscribe(userId: number, fn: LiveListener): () => void {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.listeners.get(userId) === set) this.listeners.delete(userId);
    };
  }

  /** Open listeners in this process (health, tests). */
  get size(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  /** LISTEN on a dedicated connection; reconnects after a lost connection and tells listeners to resync. */
  async start(url: string): Promise<void> {
    this.url = url;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'kehu-live' });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      client.end().catch(() => undefined);
      this.reconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => this.dispatch(n.payload));
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private reconnect(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.connect()
        .then(() => this.broadcast({ type: 'resync', data: {} }))
        .catch(() => this.reconnect());
    }, 1000);
    this.retry.unref();
  }

  private dispatch(payload: string | undefined): void {
    let m: { u: number[] | 'all'; t: string; d: Record<string, unknown> };
    try {
      m = JSON.parse(payload ?? '');
    } catch {
      return;
    }
    if (typeof m.t !== 'string') return;
    const message = { type: m.t, data: m.d ?? {} };
    if (m.u === 'all') this.broadcast(message);
    else if (Array.isArray(m.u)) for (const u of m.u) for (const fn of this.listeners.get(u) ?? []) safely(fn, message);
  }

  private broadcast(m: LiveMessage): void {
    for (const set of this.listeners.values()) for (const fn of set) safely(fn, m);
  }
}

function safely(fn: LiveListener, m: LiveMessage): void {
  try {
    fn(m);
  } catch {
    /* one broken stream must not stop the others */
  }
}
