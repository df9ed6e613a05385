import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What a crash leaves in an embedded PostgreSQL's data directory, and how to clear it (OPS-1). Kehu runs PostgreSQL
 * as its child; when Kehu is killed (`kill -9`, an out-of-memory kill) the postmaster keeps running without it,
 * holding the port and the directory. After a power loss or a reboot its lock file (postmaster.pid) names a pid that
 * is gone or that now belongs to another program.
 */

const linux = process.platform === 'linux';

/** A process that exited but was not reaped (a zombie: its new parent never waits for it) is not alive. */
function isZombie(pid: number): boolean {
  if (!linux) return false;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function ps(pid: number, field: 'comm' | 'command'): string | undefined {
  try {
    return execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The program a process runs (its name, without the path). */
function programOf(pid: number): string | undefined {
  if (linux) {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      return undefined;
    }
  }
  const comm = ps(pid, 'comm');
  return comm ? path.basename(comm) : undefined;
}

/**
 * Whether `pid` is a PostgreSQL server process of the data directory `dir`. Every PostgreSQL process works in its
 * data directory (Linux shows it as the process's working directory); elsewhere the postmaster's command line names it
 * (`postgres -D <dir> …`).
 */
export function isPostgresOf(pid: number, dir: string): boolean {
  if (!isAlive(pid) || !programOf(pid)?.startsWith('postgres')) return false;
  if (linux) {
    try {
      return fs.realpathSync(`/proc/${pid}/cwd`) === realPath(dir);
    } catch {
      /* another user's process: fall back to the command line */
    }
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const d = args.indexOf('-D');
      return d >= 0 && realPath(args[d + 1] ?? '') === realPath(dir);
    } catch {
      return false;
    }
  }
  const command = ps(pid, 'command');
  return command !== undefined && (command.includes(` ${dir} `) || command.endsWith(` ${dir}`));
}

/** PostgreSQL processes still working in `dir` (Linux; elsewhere none can be told apart, and PostgreSQL checks itself). */
function processesOf(dir: string): number[] {
  if (!linux) return [];
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isPostgresOf(pid, dir)) out.push(pid);
  }
  return out;
}

/** The pid in a data directory's postmaster.pid (its first line), if there is one. */
export function lockFilePid(dir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone already */
  }
}

export interface ClearOptions {
  /** How long a fast shutdown may take before an immediate one (default 60 s). */
  fastShutdownMs?: number;
  notice?: (line: string) => void;
}

/**
 * Leave `dir` ready for a fresh start, or return the pid of a PostgreSQL process that would not stop:
 * - a postmaster still serving the directory is shut down cleanly, as `pg_ctl stop -m fast` does — SIGINT (open
 *   transactions roll back, a shutdown checkpoint is written) and wait until it has exited and removed its lock file;
 *   SIGQUIT (immediate shutdown, the next start recovers from the write-ahead log) if that takes too long;
 * - server processes left without their postmaster get SIGQUIT (a new postmaster must never share the files with them);
 * - a lock file whose pid is gone or is another program (pid reuse after a reboot) is removed, once no PostgreSQL
 *   process works in the directory any more. PostgreSQL then starts and, after an unclean stop, recovers by itself.
 */
export async function clearLeftovers(dir: string, opts: ClearOptions = {}): Promise<number | undefined> {
  const notice = opts.notice ?? (() => undefined);
  const lockFile = path.join(dir, 'postmaster.pid');
  const pid = lockFilePid(dir);
  if (pid !== undefined && isPostgresOf(pid, dir)) {
    notice(`PostgreSQL (pid ${pid}) is still running in ${dir} from a previous start; stopping it …`);
    signal(pid, 'SIGINT');
    const gone = () => !isAlive(pid) && !fs.existsSync(lockFile);
    if (!(await waitFor(gone, opts.fastShutdownMs ?? 60_000))) {
      notice(`PostgreSQL (pid ${pid}) did not stop in time; shutting it down immediately …`);
      signal(pid, 'SIGQUIT');
      if (!(await waitFor(() => !isAlive(pid), 20_000))) return pid;
    }
  }
  const orphans = processesOf(dir);
  if (orphans.length) {
    notice(`Stopping ${orphans.length} PostgreSQL process(es) left without their server in ${dir} …`);
    for (const p of orphans) signal(p, 'SIGQUIT');
    if (!(await waitFor(() => orphans.every((p) => !isAlive(p)), 20_000))) {
      for (const p of orphans) signal(p, 'SIGKILL');
      if (!(await waitFor(() => orphans.every((p) => !isAlive(p)), 5_000))) return orphans.find(isAlive);
    }
  }
  const stale = lockFilePid(dir);
  // Elsewhere than Linux, a dead pid's lock file stays: PostgreSQL then checks its old shared memory itself.
  if (stale !== undefined && !isPostgresOf(stale, dir) && (linux || isAlive(stale))) {
    notice(`Removing a stale PostgreSQL lock file (pid ${stale} is ${isAlive(stale) ? 'another program' : 'gone'}).`);
    fs.rmSync(lockFile, { force: true });
  }
  return undefined;
}
