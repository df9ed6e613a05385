/**
 * Funnel and forecast benchmark (SAL-2, SAL-4): the demo company plus N generated opportunities (default 1,000,000,
 * one product line and a stage history each), the real HTTP app, and p50/p95 of the funnel and forecast requests
 * beside the raw SQL time of the very statements the engine sent for them (every statement that reads
 * obj_opportunity, replayed in order on one connection).
 * `npx tsx bench/sales.bench.ts --opportunities 1000000 --runs 30 [--explain] [--sql]`.
 */
import { sql } from 'kysely';
import { modules } from '../server/src/modules/index.ts';
import { seedOpportunities } from '../server/src/modules/sales/bulk-seed.ts';
import { benchPassword as password } from './data-gen.ts';
import { type BenchApp, withBenchApp } from './lib/app.ts';
import { measureArgs, runBench, stepLogger } from './lib/cli.ts';
import { type HttpClient, signIn } from './lib/client.ts';
import { printPlan } from './lib/explain.ts';
import { demoUser } from './lib/users.ts';
import { type Captured, captureSql, printTable, type Row, timePair } from './measure.ts';

const args = measureArgs('sales.bench.ts', { name: 'opportunities', default: 1_000_000 }, { default: 30, min: 5 });
const { size: count, runs } = args;
const step = stepLogger();

/** The statements of a request that do the work: those reading opportunities (not session, actor, scope …). */
const queries = (seen: Captured[]) => seen.filter((q) => q.text.includes('"obj_opportunity"'));

async function measure(who: string, client: HttpClient, app: BenchApp, cases: Array<[string, string]>): Promise<Row[]> {
  const out: Row[] = [];
  const conn = await app.raw.pool.connect();
  try {
    for (const [what, path] of cases) {
      const seen = await captureSql(() => client.get(path));
      const stmts = queries(seen);
      if (stmts.length === 0) throw new Error(`${path}: no statement on obj_opportunity`);
      for (const s of stmts) {
        if (args.sql) console.log(`\n${who} ${what}:\n${s.text}\n${JSON.stringify(s.values).slice(0, 400)}`);
        if (args.explain) await printPlan(conn, `${who} ${what} — EXPLAIN ANALYZE:`, s);
      }
      const [api, raw] = await timePair(
        runs,
        Math.min(3, runs),
        async () => {
          await client.get(path);
        },
        async () => {
          for (const s of stmts) await conn.query(s.text, s.values);
        },
        60_000,
      );
      out.push({
        who,
        what,
        api,
        sql: raw,
        stmts: seen.length,
        note: `${stmts.length} statement(s) on opportunities replayed as "SQL"`,
      });
    }
  } finally {
    conn.release();
  }
  return out;
}

async function main() {
  step('embedded PostgreSQL, Kehu and the demo company (customers, sales demo)');
  await withBenchApp({ adminPassword: password, modules }, async (app) => {
    step(`generating ${count.toLocaleString('en')} opportunities`);
    await seedOpportunities(app.kehu.engine, { opportunities: count, log: (l) => step(l.trim()) });
    const db = app.kehu.engine.db;
    for (const t of ['obj_opportunity', 'obj_opportunity_line', 'obj_opportunity_stage_change'])
      await sql`vacuum analyze ${sql.table(t)}`.execute(db);
    const total = await sql<{ n: number }>`select count(*)::int as n from obj_opportunity`.execute(db);
    const year = new Date().getFullYear();
    const month = `${year}-${String(new Date().getMonth() + 1).padStart(2, '0')}`;
    const admin = await signIn(app.baseUrl, 'admin', password);
    const managerName = await demoUser(app, '销售经理', password);
    const manager = await signIn(app.baseUrl, managerName, password);
    const salesName = await demoUser(app, '销售员', password);
    const sales = await signIn(app.baseUrl, salesName, password);
    const cases: Array<[string, string]> = [
      ['funnel (default process)', '/api/sales/funnel'],
      [`forecast ${month}`, `/api/sales/forecast?period=${month}`],
      [`forecast ${year} by owner`, `/api/sales/forecast?period=${year}&groupBy=owner`],
      [`forecast ${year} by product`, `/api/sales/forecast?period=${year}&groupBy=product`],
    ];
    const table: Row[] = [];
    for (const [who, client] of [
      ['admin (all)', admin],
      [`${managerName} (manager)`, manager],
      [`${salesName} (own)`, sales],
    ] as const) {
      step(`measuring as ${who}`);
      table.push(...(await measure(who, client, app, cases)));
    }
    step('done');
    console.log(
      `\nKehu funnel/forecast benchmark: ${total.rows[0].n.toLocaleString('en')} opportunities. Sequential requests ` +
        `over HTTP vs the same SQL through pg, interleaved; ${runs} runs after warm-up; milliseconds.\n`,
    );
    printTable(table, () => true);
    console.log('\n"stmts": SQL statements one API request sent; aim: API p50 within 1.5 × SQL p50 + 2 ms');
  });
}

runBench(main);
