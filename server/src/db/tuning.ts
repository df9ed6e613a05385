import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** PostgreSQL settings as name → value (`shared_buffers` → `6GB`). */
export type PgSettings = Record<string, string>;

const mb = (bytes: number) => `${Math.max(1, Math.floor(bytes / 1024 / 1024))}MB`;

/** The memory this process may use: the machine's, or a smaller container (cgroup) limit. */
export function availableMemory(): number {
  let total = os.totalmem();
  for (const file of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const limit = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isFinite(limit) && limit > 0 && limit < total) total = limit;
    } catch {
      /* no such limit */
    }
  }
  return total;
}

/**
 * Settings of the embedded PostgreSQL for the machine it runs on (OPS, issue 14), instead of PostgreSQL's defaults
 * for a small shared server: shared_buffers a quarter of memory (at most 8 GB), the planner told that the rest
 * caches files and that the disk is a solid-state one, enough memory for sorts and index builds, and no JIT (it
 * costs more than it saves on short statements). A throw-away test cluster takes a small share: several run at once.
 */
export function tunedSettings(opts: { memory?: number; cpus?: number; ephemeral?: boolean } = {}): PgSettings {
  const memory = opts.memory ?? availableMemory();
  const cpus = Math.max(1, opts.cpus ?? os.availableParallelism());
  const share = opts.ephemeral ? 1 / 32 : 1 / 4;
  const buffers = Math.min(Math.max(memory * share, 128 * 1024 ** 2), 8 * 1024 ** 3);
  return {
    shared_buffers: mb(buffers),
    effective_cache_size: mb(Math.max(memory * 0.6, buffers)),
    work_mem: mb(Math.min(Math.max(memory / 512, 4 * 1024 ** 2), 64 * 1024 ** 2)),
    maintenance_work_mem: mb(Math.min(Math.max(memory / 32, 64 * 1024 ** 2), 1024 ** 3)),
    random_page_cost: '1.1',
    effective_io_concurrency: '200',
    jit: 'off',
    max_wal_size: '2GB',
    max_worker_processes: String(Math.max(8, cpus)),
    max_parallel_workers_per_gather: String(Math.max(1, Math.min(4, Math.floor(cpus / 2)))),
  };
}

/**
 * The administrator's own settings: `KEHU_PG_SETTINGS` ("work_mem=32MB, jit=on") and, one `name = value` a line
 * (`#` comments), the file `postgres.settings` in the data directory. They win over the tuned ones; a line that is
 * not a setting is refused with its line number, so that a typo is not silently ignored.
 */
export function adminSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): PgSettings {
  const out: PgSettings = {};
  const add = (text: string, where: string, separator: RegExp, unit: string) =>
    text.split(separator).forEach((raw, i) => {
      const line = raw.replace(/#.*$/, '').trim();
      if (!line) return;
      const m = /^([a-z_][a-z0-9_.]*)\s*=\s*(?:'([^']*)'|([^'\s][^']*))$/i.exec(line);
      if (!m) throw new Error(`${where}, ${unit} ${i + 1}: "${raw.trim()}" is not name = value`);
      out[m[1].toLowerCase()] = m[2] ?? m[3].trim();
    });
  const file = path.join(dataDir, 'postgres.settings');
  if (fs.existsSync(file)) add(fs.readFileSync(file, 'utf8'), file, /\n/, 'line');
  if (env.KEHU_PG_SETTINGS) add(env.KEHU_PG_SETTINGS, 'KEHU_PG_SETTINGS', /[,;\n]/, 'item');
  return out;
}

/** Settings as PostgreSQL command-line flags (`-c name=value`). */
export function asFlags(settings: PgSettings): string[] {
  return Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
}
