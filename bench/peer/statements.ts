/**
 * The SQL Kehu sends for each peer-bench operation, and what PostgreSQL needs for it alone: Kehu is booted in this
 * process against the database of a running benchmark installation (the seeded data directory), each operation is
 * sent once through HTTP with pg's client wrapped, and every statement is printed with its count and the median
 * execution time of its main statement replayed 20 times (plus the plan with `--explain`). The figures go beside
 * `kehu-bench.mjs`'s request times.
 *
 *   KEHU_DATA_DIR=/var/tmp/kehu-bench KEHU_PG_PORT=5488 KEHU_PASSWORD=… npx tsx bench/peer/statements.ts [--explain]
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { bootKehu } from '../../server/src/app/boot.ts';
import { loadConfig } from '../../server/src/config.ts';
import { freePort } from '../../server/test/ports.ts';
import { signIn } from '../lib/client.ts';
import { captureSql } from '../measure.ts';

const dir = process.env.KEHU_DATA_DIR ?? 'data';
const password = fs.readFileSync(path.join(dir, 'postgres.password'), 'utf8').trim();
const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${process.env.KEHU_PG_PORT ?? 5488}/postgres`;
const explain = process.argv.includes('--explain');
const filter = JSON.stringify({
  and: [
    { field: 'type', op: 'eq', value: 'dealer' },
    { field: 'region', op: 'eq', value: process.env.PROVINCE ?? '34' },
  ],
});
const ops: Array<[string, string, string]> = [
  [
    'list',
    'GET',
    `/api/objects/customer?filter=${encodeURIComponent(filter)}&sort=-createdAt&limit=50&fields=id,code,name,type,region,owner,createdAt`,
  ],
  ['get', 'GET', '/api/objects/customer/{id}'],
  ['search', 'GET', `/api/objects/customer?q=${encodeURIComponent(process.env.SEARCH_TERM ?? '成都')}&limit=20`],
  ['count_by_province', 'GET', '/api/objects/customer/group?by=region'],
  ['create', 'POST', '/api/objects/customer'],
];
const only = process.env.ONLY?.split(',');
/** A new customer as the peer bench creates it (a unique name and credit code each time). */
function newCustomer() {
  const n = Date.now() % 1e9;
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const f17 = `91340100${String(n).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CC.indexOf(f17[i]) * W[i];
  return {
    name: `开乐语句${n}专用车辆有限公司`,
    shortName: '开乐',
    type: 'dealer',
    industry: 'logistics',
    region: { province: '34', city: '3401' },
    phone: '+8613800000000',
    level: 'B',
    creditLimit: '500000.00',
    creditCode: f17 + CC[(31 - (sum % 31)) % 31],
  };
}

const kehu = await bootKehu({ ...loadConfig(), logLevel: 'warn' }, url);
const port = await freePort();
await kehu.app.listen({ host: '127.0.0.1', port });
const client = await signIn(`http://127.0.0.1:${port}`, 'admin', process.env.KEHU_PASSWORD ?? '');
const raw = new pg.Pool({ connectionString: url, max: 1 });
const some = await raw.query('select id from obj_customer where deleted_at is null order by id offset 500000 limit 1');
try {
  for (const [op, method, route] of ops) {
    if (only && !only.includes(op)) continue;
    const target = route.replace('{id}', String(some.rows[0]?.id ?? 1));
    const seen = await captureSql(() => (method === 'POST' ? client.post(target, newCustomer()) : client.get(target)));
    const main = seen.filter((s) => s.text.includes('"obj_customer"')).sort((a, b) => b.text.length - a.text.length)[0];
    if (method === 'POST') {
      console.log(`\n## ${op}: ${seen.length} statements (not replayed)`);
      for (const s of seen) {
        // Reads are replayed once for their time; writes are not repeated.
        const read = /^\s*select/i.test(s.text) && !/for update/i.test(s.text);
        const t = performance.now();
        if (read) await raw.query(s.text, s.values);
        const ms = read ? ` [${(performance.now() - t).toFixed(2)} ms]` : '';
        console.log(`- ${s.text.replace(/\s+/g, ' ').slice(0, explain ? 4000 : 160)}${ms}`);
      }
      continue;
    }
    const times: number[] = [];
    for (let i = 0; i < 23; i++) {
      const t = performance.now();
      await raw.query(main.text, main.values);
      if (i >= 3) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`\n## ${op}: ${seen.length} statements; main statement ${times[10].toFixed(2)} ms (median of 20)`);
    for (const s of seen) console.log(`- ${s.text.replace(/\s+/g, ' ').slice(0, explain ? 4000 : 160)}`);
    if (explain) {
      const plan = await raw.query(`explain (analyze, buffers) ${main.text}`, main.values);
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  }
} finally {
  await raw.end();
  await kehu.close();
}
