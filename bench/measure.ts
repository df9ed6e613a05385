import { performance } from 'node:perf_hooks';
import pg from 'pg';

export interface Captured {
  text: string;
  values: unknown[];
}

/**
 * Record every SQL statement this process sends while `fn` runs (the server runs in this process, so this
 * is exactly the SQL the engine generated for a request), by wrapping pg's Client.query for that time.
 */
export async function captureSql(fn: () => Promise<unknown>): Promise<Captured[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const seen: Captured[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (typeof args[0] === 'string') seen.push({ text: args[0], values: Array.isArray(args[1]) ? [...args[1]] : [] });
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return seen;
}

/** The statement of a request that reads `table` and matches `pattern` (the list, get or group query). */
export function pick(seen: Captured[], table: string, pattern: RegExp): Captured {
  const hit = seen.filter((q) => q.text.includes(`"${table}"`) && pattern.test(q.text)).pop();
  if (!hit)
    throw new Error(`no captured SQL on ${table} matching ${pattern}:\n${seen.map((q) => q.text).join('\n---\n')}`);
  return hit;
}

export interface Stats {
  p50: number;
  p95: number;
  n: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

/** Sequential runs after a warm-up; milliseconds per call; stops after `budgetMs` (with at least 20 samples). */
export async function time(
  runs: number,
  warmup: number,
  fn: (i: number) => Promise<void>,
  budgetMs = 15_000,
): Promise<Stats> {
  const warmStart = performance.now();
  for (let i = 0; i < warmup; i++) {
    await fn(i);
    if (i >= 2 && performance.now() - warmStart > budgetMs / 5) break;
  }
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
    if (samples.length >= 20 && performance.now() - start > budgetMs) break;
  }
  return stats(samples);
}

/**
 * Sequential runs of two ways to do the same thing, interleaved (a, b, a, b …) so that both see the same
 * machine; milliseconds per call. After a warm-up; slow cases stop after `budgetMs` (with at least 20
 * samples each) so that a 1M-row run stays within minutes.
 */
export async function timePair(
  runs: number,
  warmup: number,
  a: (i: number) => Promise<void>,
  b: (i: number) => Promise<void>,
  budgetMs = 30_000,
): Promise<[Stats, Stats]> {
  const warmStart = performance.now();
  for (let i = 0; i < warmup; i++) {
    await a(i);
    await b(i);
    if (i >= 2 && performance.now() - warmStart > budgetMs / 5) break;
  }
  const sa: number[] = [];
  const sb: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await a(i);
    sa.push(performance.now() - t);
    t = performance.now();
    await b(i);
    sb.push(performance.now() - t);
    if (sa.length >= 20 && performance.now() - start > budgetMs) break;
  }
  return [stats(sa), stats(sb)];
}

export interface Row {
  who: string;
  what: string;
  api?: Stats;
  sql?: Stats;
  /** SQL statements the request sent (session, actor, scope, the query itself …). */
  stmts?: number;
  note?: string;
}

const ms = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(2));

/** The result table: API beside raw SQL, and whether p50 meets the aim of 1.5 × SQL + 2 ms. */
export function printTable(rows: Row[], aimFor: (what: string) => boolean): void {
  const head = ['user', 'query', 'API p50', 'API p95', 'SQL p50', 'SQL p95', 'aim p50', 'within aim', 'n', 'stmts'];
  const body = rows.map((r) => {
    const aim = r.sql && aimFor(r.what) ? r.sql.p50 * 1.5 + 2 : undefined;
    const verdict = !r.api || aim === undefined ? '' : r.api.p50 <= aim ? 'yes' : 'NO';
    const n = r.api && r.sql ? `${r.api.n}/${r.sql.n}` : '';
    const cells = [r.who, r.what, ms(r.api?.p50), ms(r.api?.p95), ms(r.sql?.p50), ms(r.sql?.p95)];
    return [...cells, aim === undefined ? '' : ms(aim), verdict, n, r.stmts === undefined ? '' : String(r.stmts)];
  });
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  console.log(line(head));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  for (const r of rows) if (r.note) console.log(`  ${r.who} ${r.what}: ${r.note}`);
}
