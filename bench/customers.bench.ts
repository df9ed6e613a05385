/**
 * Customer search and duplicate-check benchmark (CUS-3, CUS-5): the demo company plus N generated customers
 * (default 1,000,000, one contact each), the real HTTP app, and p50/p95 of search-as-you-type queries and
 * duplicate checks beside the raw SQL time of the very statement the engine generated for them.
 * `npx tsx bench/customers.bench.ts --customers 1000000 --runs 100 [--explain] [--sql]`.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { updateRecord } from '../server/src/engine/records/save.ts';
import { seedCustomers } from '../server/src/modules/customers/bulk-seed.ts';
import { modules } from '../server/src/modules/index.ts';
import { type BenchApp, startBenchApp } from './lib/app.ts';
import { HttpClient } from './lib/client.ts';
import { captureSql, pick, printTable, type Row, time } from './measure.ts';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '100' },
    explain: { type: 'boolean', default: false },
    sql: { type: 'boolean', default: false },
  },
});
const customers = Number(args.customers);
const runs = Number(args.runs);
if (!Number.isInteger(customers) || customers < 1000 || !Number.isInteger(runs) || runs < 10) {
  console.error('usage: npx tsx bench/customers.bench.ts [--customers N ≥ 1000] [--runs N ≥ 10] [--explain] [--sql]');
  process.exit(2);
}
const password = 'Bench-Password-42';
const started = Date.now();
const step = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s] ${what}`);

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
      if (args.explain) {
        const plan = await conn.query(`explain (analyze, buffers) ${stmt.text}`, stmt.values);
        console.log(`\n${who} ${c.what} — EXPLAIN ANALYZE:\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
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

/** A demo user of a starter role, given a password so that the benchmark can sign in as them. */
async function demoUser(app: BenchApp, role: string): Promise<string> {
  const r = await sql<{ id: string; username: string }>`select u.id, u.username from obj_user u
    join rel_obj_user_roles l on l.a_id = u.id join obj_role ro on ro.id = l.b_id
    where ro.name = ${role} and u.username <> 'admin' order by u.id desc limit 1`.execute(app.kehu.engine.db);
  const u = r.rows[0];
  await updateRecord(app.kehu.engine.systemContext(), 'user', Number(u.id), { password }, { internal: true });
  return u.username;
}

async function main() {
  step('embedded PostgreSQL, Kehu and the demo company');
  const app = await startBenchApp({ adminPassword: password, modules });
  process.once('SIGINT', () => void app.close().then(() => process.exit(130)));
  try {
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
    const admin = new HttpClient(app.baseUrl);
    await admin.login('admin', password);
    const salesName = await demoUser(app, '销售员');
    const sales = new HttpClient(app.baseUrl);
    await sales.login(salesName, password);
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
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
