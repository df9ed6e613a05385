import { randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Db } from './pool.ts';

/**
 * PostgreSQL COPY through the `pg` driver (pg-copy-streams). Kysely does not hand out the driver's client of a
 * transaction, so the pools of `openDatabase` keep their checked-out clients by backend process id, and
 * `clientOf(db)` finds the one that runs `db` (a transaction or a connection): the backend tells its pid, and a
 * session setting written through `db` proves which client it is.
 */
const checkedOut = new Map<number, Set<pg.PoolClient>>();
const pidOf = (c: pg.PoolClient) => (c as unknown as { processID: number }).processID;

export function trackClients(pool: pg.Pool): void {
  pool.on('acquire', (c) => {
    const set = checkedOut.get(pidOf(c)) ?? new Set();
    set.add(c);
    checkedOut.set(pidOf(c), set);
  });
  const forget = (c: pg.PoolClient) => {
    const set = checkedOut.get(pidOf(c));
    set?.delete(c);
    if (set?.size === 0) checkedOut.delete(pidOf(c));
  };
  pool.on('release', (_err, c) => forget(c));
  pool.on('remove', (c) => forget(c as pg.PoolClient));
}

/** The driver client that runs `db`; `db` must be a transaction or a single connection (else results could mix). */
export async function clientOf(db: Db): Promise<pg.PoolClient> {
  const token = randomUUID();
  const r = await sql<{
    pid: number;
  }>`select pg_backend_pid() as pid, set_config('kehu.copy_client', ${token}, false)`.execute(db);
  for (const c of checkedOut.get(Number(r.rows[0].pid)) ?? []) {
    const t = await c.query(`select current_setting('kehu.copy_client', true) as t`);
    if (t.rows[0]?.t === token) return c;
  }
  throw new Error('copy: the client of this connection is not known (not a pool of openDatabase?)');
}

const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field of COPY's text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
export function copyField(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => escapes[c]) : v;
}

/** One line of COPY's text format. */
export const copyLine = (fields: Array<string | null | undefined>) => `${fields.map(copyField).join('\t')}\n`;

/** `COPY … FROM STDIN` (text format) of the given lines (or raw COPY data) on `client`; returns the rows copied. */
export async function copyIn(
  client: pg.PoolClient,
  statement: string,
  lines: Iterable<string | Buffer>,
): Promise<number> {
  const stream = client.query(copyFrom(statement));
  const chunks = function* () {
    let buf: string[] = [];
    let size = 0;
    for (const line of lines) {
      if (typeof line !== 'string') {
        if (buf.length) yield Buffer.from(buf.join(''));
        buf = [];
        size = 0;
        yield line;
        continue;
      }
      buf.push(line);
      size += line.length;
      if (size >= 1 << 20) {
        yield Buffer.from(buf.join(''));
        buf = [];
        size = 0;
      }
    }
    if (buf.length) yield Buffer.from(buf.join(''));
  };
  await pipeline(Readable.from(chunks()), stream);
  return stream.rowCount ?? 0;
}

/** `COPY … TO STDOUT` on `client`, collected in memory. */
export async function copyOut(client: pg.PoolClient, statement: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(
    client.query(copyTo(statement)),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        parts.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(parts);
}
