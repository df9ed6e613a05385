/**
 * Records benchmark (PERF): a customer-like object with N rows (default 1,000,000), the real HTTP app, and
 * p50/p95 of list, get-by-id and a grouped count beside the raw SQL time of the very statements the engine
 * generated for them. `npm run bench -- --rows 100000 --runs 200 --explain`. See bench/README.md.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Kehu } from '../server/src/app/boot.ts';
import type { Database } from '../server/src/db/pool.ts';
import type { ObjectDef } from '../server/src/engine/metadata/types.ts';
import { type BenchPeople, benchPassword, createCustomers, createPeople } from './data-gen.ts';
import { benchPgFlags, withBenchApp } from './lib/app.ts';
import { requireArgs, runBench, stepLogger } from './lib/cli.ts';
import { type HttpClient, signIn } from './lib/client.ts';
import { printPlan } from './lib/explain.ts';
import { type Captured, captureSql, pick, printTable, type Row, timePair } from './measure.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '200' },
    'group-runs': { type: 'string', default: '30' },
    budget: { type: 'string', default: '30' },
    explain: { type: 'boolean', default: false },
    sql: { type: 'boolean', default: false },
  },
});
const rows = Number(args.rows);
const runs = Number(args.runs);
const groupRuns = Number(args['group-runs']);
const budgetMs = Number(args.budget) * 1000;
requireArgs(
  Number.isInteger(rows) && rows >= 1000 && Number.isInteger(runs) && runs >= 10,
  'npm run bench -- [--rows N ≥ 1000] [--runs N ≥ 10] [--group-runs N] [--budget seconds per case] [--explain] [--sql]',
);

const step = stepLogger(6);
/** The shared settings, with less memory for index builds. */
const pgFlags = benchPgFlags.map((f) => (f.startsWith('maintenance_work_mem=') ? 'maintenance_work_mem=512MB' : f));

const listFilter = {
  and: [
    { field: 'type', op: 'eq', value: 'dealer' },
    { field: 'level', op: 'in', value: ['A', 'VIP'] },
  ],
};
const qs = (p: Record<string, string>) => new URLSearchParams(p).toString();

interface Case {
  what: string;
  path: (i: number) => string;
  /** Which captured statement is the query itself. */
  pattern: RegExp;
  /** Parameters of the raw statement for run i (get-by-id swaps the id). */
  values?: (c: Captured, i: number) => unknown[];
  runs: number;
}

async function measureUser(who: string, client: HttpClient, raw: Database, obj: ObjectDef, cases: Case[]) {
  const out: Row[] = [];
  const conn = await raw.pool.connect();
  try {
    for (const c of cases) {
      const seen = await captureSql(() => client.get(c.path(0)));
      const stmt = pick(seen, obj.table, c.pattern);
      if (args.sql) console.log(`\n${who} ${c.what}:\n${stmt.text}\n${JSON.stringify(stmt.values)}`);
      if (args.explain) await printPlan(conn, `${who} ${c.what} — EXPLAIN ANALYZE:`, stmt);
      const warm = Math.min(20, Math.ceil(c.runs / 5));
      const [api, sqlStats] = await timePair(
        c.runs,
        warm,
        async (i) => {
          await client.get(c.path(i));
        },
        async (i) => {
          await conn.query(stmt.text, c.values ? c.values(stmt, i) : stmt.values);
        },
        budgetMs,
      );
      out.push({ who, what: c.what, api, sql: sqlStats, stmts: seen.length });
    }
  } finally {
    conn.release();
  }
  return out;
}

/** Ids of records the user may read, spread over the table (the same ones for API and SQL). */
async function sampleIds(kehu: Kehu, obj: ObjectDef, owners: number[] | null, n: number): Promise<number[]> {
  const owner = sql.ref(obj.ownerColumn);
  const where = owners ? sql`${owner} = any(${owners}::bigint[])` : sql`true`;
  const r = await sql<{ id: number }>`select id from ${sql.table(obj.table)} where ${where} and deleted_at is null
    order by hashint4(id::int) limit ${n}`.execute(kehu.engine.db);
  return r.rows.map((x) => Number(x.id));
}

function casesFor(obj: ObjectDef, ids: number[], hasGroup: boolean): Case[] {
  const base = `/api/objects/${obj.name}`;
  const filter = JSON.stringify(listFilter);
  const cases: Case[] = [
    {
      what: 'list: 2 filters, sort -lastContactAt, 50',
      path: () => `${base}?${qs({ filter, sort: '-lastContactAt', limit: '50' })}`,
      pattern: /order by[\s\S]*limit/i,
      runs,
    },
    {
      what: 'list: 2 filters, sort -updatedAt, 50',
      path: () => `${base}?${qs({ filter, sort: '-updatedAt', limit: '50' })}`,
      pattern: /order by[\s\S]*limit/i,
      runs,
    },
    {
      what: 'get by id',
      path: (i) => `${base}/${ids[i % ids.length]}`,
      pattern: /where t\.id = \$/,
      values: (c, i) => c.values.map((v) => (v === ids[0] ? ids[i % ids.length] : v)),
      runs,
    },
  ];
  if (hasGroup)
    cases.push({
      what: 'group: count by type',
      path: () => `${base}/group?by=type`,
      pattern: /group by/i,
      runs: groupRuns,
    });
  return cases;
}

async function main() {
  step('embedded PostgreSQL and Kehu (no demo data)');
  await withBenchApp({ adminPassword: benchPassword, flags: pgFlags }, async ({ kehu, baseUrl, raw, dir }) => {
    step(`migrated in ${dir}; creating departments and users`);
    const people: BenchPeople = await createPeople(kehu.engine, 10, 20);
    step(`${people.userIds.length} users in 10 departments; creating the object and ${rows.toLocaleString('en')} rows`);
    const obj = await createCustomers(kehu.engine, people, rows);
    step(`loaded and analysed ${obj.table}`);
    const hasGroup = kehu.app.hasRoute({ method: 'GET', url: '/api/objects/:object/group' });

    const admin = await signIn(baseUrl, 'admin', benchPassword);
    const sales = await signIn(baseUrl, people.salesUsername, benchPassword);
    // The salesperson reads the department: the first department's manager and salespeople own those rows.
    const deptOwners = people.userIds.slice(0, people.salesDepartmentSize);

    const table: Row[] = [];
    for (const [who, client, owners] of [
      ['admin', admin, null],
      [`${people.salesUsername} (dept)`, sales, deptOwners],
    ] as const) {
      step(`measuring as ${who}`);
      const ids = await sampleIds(kehu, obj, owners ? [...owners] : null, runs);
      table.push(...(await measureUser(who, client, raw, obj, casesFor(obj, ids, hasGroup))));
      if (!hasGroup) table.push({ who, what: 'group: count by type', note: 'n/a: no group route' });
    }
    const visible = await sql<{ n: string }>`select count(*) as n from ${sql.table(obj.table)}
      where ${sql.ref(obj.ownerColumn)} = any(${deptOwners}::bigint[])`.execute(kehu.engine.db);
    step('done');
    console.log(
      `\nKehu records benchmark: ${rows.toLocaleString('en')} rows of ${obj.name}; the salesperson's department owns ` +
        `${Number(visible.rows[0].n).toLocaleString('en')}. Sequential requests over HTTP (keep-alive) vs the same SQL ` +
        `through pg; up to ${runs} runs (group ${groupRuns}) after warm-up, API and SQL interleaved, at most ${args.budget} s per case ` +
        `(n = API/SQL samples); milliseconds.\n`,
    );
    printTable(table, (what) => what.startsWith('list') || what.startsWith('get'));
    console.log(
      '\naim: list and get p50 within 1.5 × raw SQL p50 + 2 ms; "stmts": SQL statements one API request sent',
    );
    const load = os.loadavg().map((l) => l.toFixed(2));
    console.log(
      `machine: ${os.cpus().length} cores, load average ${load.join(' / ')} (other work on the machine skews figures)`,
    );
  });
}

runBench(main);
