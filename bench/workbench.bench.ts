/**
 * Workbench benchmark (TEAM-5): a salesperson with N customers (default 10,000) and a year of activities, events
 * and tasks (two colleagues own as many customers), the real HTTP app, and p50/p95 of `GET /api/workbench` —
 * whole and section by section — beside the raw SQL time of the very statements the engine sent for it.
 * `npx tsx bench/workbench.bench.ts --customers 10000 --runs 100 [--sql] [--explain]`.
 */
import { sql } from 'kysely';
import type pg from 'pg';
import { benchPassword as password } from './data-gen.ts';
import { type BenchApp, withBenchApp } from './lib/app.ts';
import { measureArgs, runBench, stepLogger } from './lib/cli.ts';
import { type HttpClient, signIn } from './lib/client.ts';
import { printPlan } from './lib/explain.ts';
import { generateWorkbenchData } from './lib/workbench-data.ts';
import { type Captured, captureSql, printTable, type Row, timePair } from './measure.ts';

const args = measureArgs('workbench.bench.ts', { name: 'customers', default: 10_000 }, { default: 100, min: 10 });
const { size: customers, runs } = args;
const step = stepLogger();

/** Statements of the request itself: not the session check, nor what background work sent meanwhile. */
const background = /sys_session|rel_obj_user_roles|pgboss|sys_outbox|pg_notify|from obj_user where id = \$1/;

const sections = ['todayEvents', 'todayTasks', 'overdueTasks', 'noContact', 'birthdays', 'alerts'] as const;

async function replay(conn: pg.PoolClient, stmts: Captured[]): Promise<void> {
  for (const s of stmts) await conn.query(s.text, s.values);
}

async function measure(who: string, client: HttpClient, app: BenchApp): Promise<Row[]> {
  const out: Row[] = [];
  const conn = await app.raw.pool.connect();
  try {
    for (const what of ['all sections', ...sections]) {
      const path = what === 'all sections' ? '/api/workbench' : `/api/workbench?sections=${what}`;
      const seen = (await captureSql(() => client.get(path))).filter((s) => !background.test(s.text));
      if (args.sql) for (const s of seen) console.log(`\n${who} ${what}:\n${s.text}\n${JSON.stringify(s.values)}`);
      if (args.explain && what !== 'all sections') {
        for (const s of seen) await printPlan(conn, `${who} ${what} — ${s.text.slice(0, 200)}`, s);
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
  await withBenchApp({ adminPassword: password }, async (app) => {
    const data = await generateWorkbenchData(app.kehu.engine, { customers, password, log: (l) => step(l) });
    const n = await sql<{ o: string; n: number }>`select 'customer' as o, count(*)::int as n from obj_customer
      union all select 'activity', count(*)::int from obj_activity
      union all select 'event', count(*)::int from obj_event
      union all select 'task', count(*)::int from obj_task`.execute(app.kehu.engine.db);
    step(`data: ${n.rows.map((r) => `${r.o} ${r.n.toLocaleString('en')}`).join(', ')}`);
    const sales = await signIn(app.baseUrl, 'bench-sales', password);
    const admin = await signIn(app.baseUrl, 'admin', password);
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
  });
}

runBench(main);
