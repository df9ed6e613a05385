/**
 * Workbench benchmark (TEAM-5): a salesperson with N customers (default 10,000) and a year of activities, events
 * and tasks (two colleagues own as many customers), the real HTTP app, and p50/p95 of `GET /api/workbench` —
 * whole and section by section — beside the raw SQL time of the very statements the engine sent for it.
 * `npx tsx bench/workbench.bench.ts --customers 10000 --runs 100 [--sql] [--explain]`.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type pg from 'pg';
import { type BenchApp, startBenchApp } from './lib/app.ts';
import { generateWorkbenchData } from './lib/workbench-data.ts';
import { BenchClient, type Captured, captureSql, printTable, type Row, timePair } from './measure.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '100' },
    sql: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
});
const customers = Number(args.customers);
const runs = Number(args.runs);
if (!Number.isInteger(customers) || customers < 1000 || !Number.isInteger(runs) || runs < 10) {
  console.error('usage: npx tsx bench/workbench.bench.ts [--customers N ≥ 1000] [--runs N ≥ 10] [--sql] [--explain]');
  process.exit(2);
}
const password = 'Bench-Password-42';
const started = Date.now();
const step = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s] ${what}`);

/** Statements of the request itself: not the session check, nor what background work sent meanwhile. */
const background = /sys_session|rel_obj_user_roles|pgboss|sys_outbox|pg_notify|from obj_user where id = \$1/;

const sections = ['todayEvents', 'todayTasks', 'overdueTasks', 'noContact', 'birthdays', 'alerts'] as const;

async function replay(conn: pg.PoolClient, stmts: Captured[]): Promise<void> {
  for (const s of stmts) await conn.query(s.text, s.values);
}

async function measure(who: string, client: BenchClient, app: BenchApp): Promise<Row[]> {
  const out: Row[] = [];
  const conn = await app.raw.pool.connect();
  try {
    for (const what of ['all sections', ...sections]) {
      const path = what === 'all sections' ? '/api/workbench' : `/api/workbench?sections=${what}`;
      const seen = (await captureSql(() => client.get(path))).filter((s) => !background.test(s.text));
      if (args.sql) for (const s of seen) console.log(`\n${who} ${what}:\n${s.text}\n${JSON.stringify(s.values)}`);
      if (args.explain && what !== 'all sections') {
        for (const s of seen) {
          const plan = await conn.query(`explain (analyze, buffers) ${s.text}`, s.values);
          console.log(
            `\n${who} ${what} — ${s.text.slice(0, 200)}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`,
          );
        }
      }
      const body = await client.get(path);
      const counts = body.data.sections.map((s: { name: string; total?: number }) => `${s.name} ${s.total ?? 0}`);
      const [api, raw] = await timePair(
        runs,
        Math.min(10, Math.ceil(runs / 5)),
        async () => {
          await client.get(path);
        },
        () => replay(conn, seen),
      );
      out.push({
        who,
        what,
        api,
        sql: raw,
        stmts: seen.length,
        note: what === 'all sections' ? counts.join(', ') : undefined,
      });
    }
  } finally {
    conn.release();
  }
  return out;
}

async function main() {
  step('embedded PostgreSQL and Kehu (every module, no demo data)');
  const app = await startBenchApp({ adminPassword: password });
  process.once('SIGINT', () => void app.close().then(() => process.exit(130)));
  try {
    const data = await generateWorkbenchData(app.kehu.engine, { customers, password, log: (l) => step(l) });
    const n = await sql<{ o: string; n: number }>`select 'customer' as o, count(*)::int as n from obj_customer
      union all select 'activity', count(*)::int from obj_activity
      union all select 'event', count(*)::int from obj_event
      union all select 'task', count(*)::int from obj_task`.execute(app.kehu.engine.db);
    step(`data: ${n.rows.map((r) => `${r.o} ${r.n.toLocaleString('en')}`).join(', ')}`);
    const sales = new BenchClient(app.baseUrl);
    await sales.login('bench-sales', password);
    const admin = new BenchClient(app.baseUrl);
    await admin.login('admin', password);
    const table: Row[] = [];
    for (const [who, client] of [
      ['bench-sales (own)', sales],
      ['admin (all)', admin],
    ] as const) {
      step(`measuring as ${who}`);
      table.push(...(await measure(who, client, app)));
    }
    step('done');
    console.log(
      `\nKehu workbench benchmark: a salesperson with ${data.customers.toLocaleString('en')} customers, ` +
        `${data.activities.toLocaleString('en')} activities, ${data.events.toLocaleString('en')} events and ` +
        `${data.tasks.toLocaleString('en')} tasks over a year (${(data.customers * 3).toLocaleString('en')} customers ` +
        `in all). Sequential requests over HTTP vs the same statements replayed one after another through pg; ` +
        `${runs} runs after warm-up; milliseconds.\n`,
    );
    printTable(table, (what) => what !== 'all sections');
    console.log(
      '\n"all sections": the server loads the sections side by side, the SQL column replays their statements in a row.',
    );
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
