/**
 * Customer search and duplicate-check benchmark (CUS-3, CUS-5): the demo company plus N generated customers
 * (default 1,000,000, one contact each), the real HTTP app, and p50/p95 of search-as-you-type queries and
 * duplicate checks beside the raw SQL time of the very statement the engine generated for them.
 * `npx tsx bench/customers.bench.ts --customers 1000000 --runs 100 [--explain] [--sql]`.
 */
import { sql } from 'kysely';
import { seedCustomers } from '../server/src/modules/customers/bulk-seed.ts';
import { modules } from '../server/src/modules/index.ts';
import { benchPassword as password } from './data-gen.ts';
import { type BenchApp, withBenchApp } from './lib/app.ts';
import { measureArgs, runBench, stepLogger } from './lib/cli.ts';
import { type HttpClient, signIn } from './lib/client.ts';
import { printPlan } from './lib/explain.ts';
import { demoUser } from './lib/users.ts';
import { captureSql, pick, printTable, type Row, time } from './measure.ts';

const args = measureArgs('customers.bench.ts', { name: 'customers', default: 1_000_000 }, { default: 100, min: 10 });
const { size: customers, runs } = args;
const step = stepLogger();

interface Case {
  what: string;
  call: (c: HttpClient) => Promise<unknown>;
  /** The statement that is the query itself: reads obj_customer and matches this. */
  pattern: RegExp;
}

const search = (q: string, note = ''): Case => ({
  what: `search ${q}${note}`,
  call: (c) => c.get(`/api/objects/customer?q=${encodeURIComponent(q)}&limit=10`),
  pattern: /order by[\s\S]*limit/i,
});
const duplicates = (what: string, body: Record<string, unknown>): Case => ({
  what: `duplicates: ${what}`,
  call: (c) => c.post('/api/customers/duplicates', body),
  pattern: /limit 60/i,
});

async function measure(who: string, client: HttpClient, app: BenchApp, cases: Case[]): Promise<Row[]> {
  const out: Row[] = [];
  const conn = await app.raw.pool.connect();
  try {
    for (const c of cases) {
      const seen = await captureSql(() => c.call(client));
      const stmt = pick(seen, 'obj_customer', c.pattern);
      if (args.sql) console.log(`\n${who} ${c.what}:\n${stmt.text}\n${JSON.stringify(stmt.values).slice(0, 500)}`);
      if (args.explain) await printPlan(conn, `${who} ${c.what} — EXPLAIN ANALYZE:`, stmt);
      const warm = Math.min(10, Math.ceil(runs / 5));
      const api = await time(runs, warm, async () => {
        await c.call(client);
      });
      const raw = await time(runs, warm, async () => {
        await conn.query(stmt.text, stmt.values);
      });
      out.push({ who, what: c.what, api, sql: raw, stmts: seen.length });
    }
  } finally {
    conn.release();
  }
  return out;
}

async function main() {
  step('embedded PostgreSQL, Kehu and the demo company');
  await withBenchApp({ adminPassword: password, modules }, async (app) => {
    step(`generating ${customers.toLocaleString('en')} customers with one contact each`);
    await seedCustomers(app.kehu.engine, { customers, contactsPerCustomer: 1, log: (l) => step(l.trim()) });
    await sql`vacuum analyze obj_customer`.execute(app.kehu.engine.db);
    await sql`vacuum analyze obj_contact`.execute(app.kehu.engine.db);
    const db = app.kehu.engine.db;
    const total = await sql<{ n: number }>`select count(*)::int as n from obj_customer`.execute(db);
    const sample = await sql<{ name: string; phone: string; credit_code: string; code: string }>`select name, phone,
      credit_code, code from obj_customer where phone is not null and credit_code is not null
      order by hashint4(id::int) limit 1`.execute(db);
    const s = sample.rows[0];
    const admin = await signIn(app.baseUrl, 'admin', password);
    const salesName = await demoUser(app, '销售员', password);
    const sales = await signIn(app.baseUrl, salesName, password);
    const searches = [
      search('开'),
      search('开乐'),
      search('开乐专'),
      search('开乐专用'),
      search('k'),
      search('kl'),
      search('klzy'),
      search('kailezhuanyong'),
      search('济南'),
      search('王'),
      search('王建', ' (contacts)'),
      search('开了专用车', ' (typo)'),
      search('kailezhuangyong', ' (typo)'),
      search(s.phone.replace('+86', '0'), ' (phone)'),
      search(s.code, ' (code)'),
    ];
    const dupes = [
      duplicates('name', { name: s.name }),
      duplicates('name 开乐专用汽车有限公司', { name: '开乐专用汽车有限公司' }),
      duplicates('name + phone', { name: s.name, phone: s.phone }),
      duplicates('name + phone + credit code', { name: s.name, phone: s.phone, creditCode: s.credit_code }),
    ];
    const table: Row[] = [];
    for (const [who, client] of [
      ['admin (all)', admin],
      [`${salesName} (own)`, sales],
    ] as const) {
      step(`measuring as ${who}`);
      table.push(...(await measure(who, client, app, [...searches, ...dupes])));
      const g = await time(runs, 5, async () => {
        await client.get(`/api/search?q=${encodeURIComponent('开乐')}&limit=5`);
      });
      table.push({ who, what: 'global search 开乐 (every object)', api: g, note: 'several statements, no single SQL' });
    }
    step('done');
    console.log(
      `\nKehu customer search benchmark: ${total.rows[0].n.toLocaleString('en')} customers (one contact each). ` +
        `Sequential requests over HTTP vs the same SQL through pg; ${runs} runs after warm-up; milliseconds.\n`,
    );
    printTable(table, (what) => !what.startsWith('global'));
    console.log('\n"stmts": SQL statements one API request sent; aim: API p50 within 1.5 × SQL p50 + 2 ms');
  });
}

runBench(main);
