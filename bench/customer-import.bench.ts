/**
 * Customer import benchmark (CUS-11): a generated CSV of N customers (default 100,000) as people fill the
 * template — option labels, region names, mobiles, valid credit codes — imported into the real `customer`
 * object by the import job (the customers module's hooks and a version per record). Three runs:
 *   1. every row creates a record (no duplicate handling), on an empty table;
 *   2. duplicates by credit code or name (the module's matcher), on the same empty table: every row is new;
 *   3. the same file again with "skip": every row finds its record and is skipped.
 * Prints rows/s of each, beside plain PostgreSQL COPY of the same rows into a table of the same shape (indexes and
 * foreign keys included; median of three, measured right after the run) and the ratio of the two. `npx tsx bench/customer-import.bench.ts --rows 100000`; with `--system` the
 * rows are imported by the system actor, which the conflict check of CUS-8 lets pass (the import's own cost).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadActor, systemActor } from '../server/src/engine/access/actor.ts';
import type { Ctx } from '../server/src/engine/context.ts';
import { prepareImport, startImport } from '../server/src/engine/transfer/import.ts';
import { JobRunner, readImportJob } from '../server/src/engine/transfer/import-jobs.ts';
import type { ImportOptions } from '../server/src/engine/transfer/import-options.ts';
import { creditCodeCheck } from '../server/src/modules/customers/credit-code.ts';
import { benchPassword } from './data-gen.ts';
import { importPgFlags, withBenchApp } from './lib/app.ts';
import { requireArgs, stepLogger } from './lib/cli.ts';
import { copyRowsPerSecond } from './lib/copy-reference.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, system: { type: 'boolean', default: false } },
});
const rows = Number(args.rows);
requireArgs(
  Number.isInteger(rows) && rows >= 1000,
  'npx tsx bench/customer-import.bench.ts [--rows N ≥ 1000] [--system]',
);

const step = stepLogger(6);

const types = ['直接客户', '经销商', '潜在客户'];
const industries = ['环卫', '市政', '物流', '建筑工程', '消防'];
const levels = ['VIP', 'A 类', 'B 类', 'C 类'];
const regions = ['山东省 济南市', '江苏省 南京市', '浙江省 杭州市', '广东省 广州市', '河北省 石家庄市'];
const cities = ['济南', '南京', '杭州', '广州', '石家庄'];
const trades = ['专用车', '机械', '物流', '重工', '环卫设备'];
// Trade names (字号) of two or three characters, distinct for every row, as real company names have them.
const chars = [
  ...new Set(
    '鑫顺达华通宏远恒泰盛昌隆兴旺福瑞祥和金源开乐中天海龙凯宇正博新星明光利民汇德佳信诚宝成力众志润禾同创骏驰万嘉鸿亚飞伟业晟辉腾越青启航卓富强振',
  ),
];
function tradeName(i: number): string {
  const a = chars.length;
  return chars[i % a] + chars[Math.floor(i / a) % a] + (i >= a * a ? chars[Math.floor(i / (a * a)) % a] : '');
}

function writeCsv(file: string, n: number): void {
  const out = fs.createWriteStream(file);
  const lines = ['客户名称,客户类型,行业,地域,电话,统一社会信用代码,客户级别,负责人'];
  const flush = () => {
    out.write(`${lines.join('\n')}\n`);
    lines.length = 0;
  };
  for (let i = 0; i < n; i++) {
    const first17 = `91370100${String(i).padStart(9, '0')}`;
    lines.push(
      [
        `${cities[i % 5]}${tradeName(i)}${trades[i % 5]}有限公司`,
        types[i % 3],
        industries[i % 5],
        regions[i % 5],
        `139${String(i).padStart(8, '0')}`,
        first17 + creditCodeCheck(first17),
        levels[i % 4],
        'admin',
      ].join(','),
    );
    if (lines.length >= 10000) flush();
  }
  flush();
  out.end();
}

async function importOnce(ctx: Ctx, runner: JobRunner, dir: string, csv: string, options: ImportOptions) {
  const upload = path.join(dir, `upload-${performance.now()}.csv`);
  fs.copyFileSync(csv, upload); // the job deletes its upload
  const t0 = performance.now();
  const prep = await prepareImport(ctx, ctx.registry.get('customer'), upload, options);
  const { id } = await startImport(ctx, runner, prep, (err) => console.error(err));
  await runner.idle();
  const seconds = (performance.now() - t0) / 1000;
  const job = await readImportJob(ctx, id);
  if (job.status !== 'done' || job.failed > 0) throw new Error(`import failed: ${JSON.stringify(job).slice(0, 500)}`);
  return { seconds, job };
}

async function main() {
  step('embedded PostgreSQL and Kehu');
  // Every module, as `npm start` runs it (no demo data).
  await withBenchApp({ adminPassword: benchPassword, flags: importPgFlags }, async ({ kehu, dir }) => {
    step(`embedded PostgreSQL in ${dir}`);
    const engine = kehu.engine;
    const admin = await sql<{ id: number }>`select id from obj_user where username = 'admin'`.execute(engine.db);
    // --system: as the system actor, whose writes the per-row conflict check (CUS-8) lets pass: the import alone.
    const actor = args.system ? systemActor : (await loadActor(engine.db, Number(admin.rows[0].id)))!;
    const ctx = engine.context(actor, { ip: '127.0.0.1' });
    step(`importing as ${actor.name}`);
    const csv = path.join(dir, 'customers.csv');
    writeCsv(csv, rows);
    await new Promise((r) => setTimeout(r, 200));
    step(`${rows.toLocaleString('en')} customers in ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB of CSV`);
    const runner = new JobRunner();
    const table = engine.registry.get('customer').table;
    const empty = async () => {
      await sql`truncate ${sql.table(table)}, sys_history, sys_outbox cascade`.execute(engine.db);
      await sql`checkpoint`.execute(engine.db);
    };
    const matching = { matchOn: 'creditCodeOrName', policy: 'skip' } as const;
    const runs: Array<[string, ImportOptions, boolean]> = [
      ['create every row (no duplicate handling)', { dryRun: false, mode: 'all', duplicates: null }, true],
      ['duplicates by credit code or name, all rows new', { dryRun: false, mode: 'all', duplicates: matching }, true],
      [
        'the same file again with "skip": all rows duplicates',
        { dryRun: false, mode: 'all', duplicates: matching },
        false,
      ],
    ];
    // Each run beside a COPY of the same rows measured right after it (a shared machine's load changes by the
    // minute; a ratio is only fair between figures taken under the same load).
    const results: Array<[string, number, string, number]> = [];
    for (const [what, options, fresh] of runs) {
      if (fresh) await empty();
      const { seconds, job } = await importOnce(ctx, runner, dir, csv, options);
      const outcome = `${job.created} created, ${job.skipped} skipped`;
      step(`${what}: ${seconds.toFixed(2)} s (${outcome})`);
      // The reference: the rows the table now holds, copied by PostgreSQL into a table of the same shape.
      const ref = await copyRowsPerSecond(engine.db, table);
      const each = ref.all.map((x) => Math.round(x)).join(', ');
      step(
        `  PostgreSQL COPY of the same ${ref.rows.toLocaleString('en')} rows: ${Math.round(ref.perSecond)} rows/s (${each})`,
      );
      results.push([what, seconds, outcome, ref.perSecond]);
    }
    console.log('\n| run | rows | seconds | rows/s | COPY rows/s | of COPY | outcome |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const [what, seconds, outcome, copy] of results) {
      const ratio = `${((100 * rows) / seconds / copy).toFixed(1)} %`;
      console.log(
        `| ${what} | ${rows} | ${seconds.toFixed(2)} | ${Math.round(rows / seconds)} | ${Math.round(copy)} | ${ratio} | ${outcome} |`,
      );
    }
    await runner.close();
  });
}

await main();
