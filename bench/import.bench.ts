/**
 * Import benchmark (CUS-11): a generated CSV of N customer-like rows (default 100,000) imported by Kehu's import
 * job — parsed and validated like the API, multi-row inserts, a version per record — beside PostgreSQL's
 * `COPY … FROM '<file>'` of the same file into an identical table (same columns and indexes). Prints rows/s of
 * both and the ratio. `npx tsx bench/import.bench.ts --rows 1000000`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadActor } from '../server/src/engine/access/actor.ts';
import { transaction } from '../server/src/engine/context.ts';
import { createCustomObject } from '../server/src/engine/metadata/custom.ts';
import { prepareImport, startImport } from '../server/src/engine/transfer/import.ts';
import { JobRunner, readImportJob } from '../server/src/engine/transfer/import-jobs.ts';
import { benchPassword } from './data-gen.ts';
import { importPgFlags, withBenchApp } from './lib/app.ts';
import { requireArgs, stepLogger } from './lib/cli.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, repeat: { type: 'string', default: '3' } },
});
const rows = Number(args.rows);
const repeat = Number(args.repeat);
requireArgs(
  Number.isInteger(rows) && rows >= 1000 && Number.isInteger(repeat) && repeat >= 1,
  'npx tsx bench/import.bench.ts [--rows N ≥ 1000] [--repeat N]',
);

const step = stepLogger(6);

const opt = (value: string, zh: string, en: string) => ({ value, label: { 'zh-CN': zh, 'en-US': en } });
const types = [opt('direct', '直销', 'Direct'), opt('dealer', '经销商', 'Dealer'), opt('oem', '主机厂', 'OEM')];
const levels = [opt('A', 'A', 'A'), opt('B', 'B', 'B'), opt('C', 'C', 'C'), opt('VIP', 'VIP', 'VIP')];
const provinces = ['山东省', '江苏省', '浙江省', '广东省', '河北省'];
const names = ['开乐专用车', '华宇机械', '鼎盛物流', '恒通重工', '金源化工'];

/** A customer-like object as an administrator would declare it. */
const decl = (name: string) => ({
  name,
  label: { 'zh-CN': '导入客户', 'en-US': 'Imported customer' },
  fields: {
    name: { type: 'text', required: true, search: 'fuzzy', label: { 'zh-CN': '客户名称', 'en-US': 'Name' } },
    type: { type: 'picklist', options: types, label: { 'zh-CN': '客户类型', 'en-US': 'Type' } },
    level: { type: 'picklist', options: levels, label: { 'zh-CN': '客户等级', 'en-US': 'Level' } },
    province: { type: 'text', label: { 'zh-CN': '省份', 'en-US': 'Province' } },
    phone: { type: 'phone', label: { 'zh-CN': '电话', 'en-US': 'Phone' } },
    creditLimit: { type: 'money', label: { 'zh-CN': '信用额度', 'en-US': 'Credit limit' } },
    lastContactAt: { type: 'datetime', label: { 'zh-CN': '最近联系', 'en-US': 'Last contact' } },
    owner: { type: 'owner', label: { 'zh-CN': '负责人', 'en-US': 'Owner' } },
  },
});

/** Rows people would type: option values as stored (COPY cannot map labels), phones and times as text. */
function writeCsv(file: string, n: number): void {
  const out = fs.createWriteStream(file);
  const lines: string[] = ['客户名称,客户类型,客户等级,省份,电话,信用额度,最近联系'];
  const flush = () => {
    out.write(`${lines.join('\n')}\n`);
    lines.length = 0;
  };
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      [
        `客户${i}${names[i % 5]}`,
        types[i % 3].value,
        levels[i % 4].value,
        provinces[i % 5],
        `139${String(i).padStart(8, '0')}`,
        `${(i * 37) % 1000000}.${String(i % 100).padStart(2, '0')}`,
        `2024-05-${day} 10:${String(i % 60).padStart(2, '0')}:00+08:00`,
      ].join(','),
    );
    if (lines.length >= 10000) flush();
  }
  flush();
  out.end();
}

async function main() {
  step('embedded PostgreSQL and Kehu');
  // The engine alone: no module objects or demo data. PostgreSQL (user postgres) reads the CSV in `dir` for COPY.
  await withBenchApp({ adminPassword: benchPassword, load: [], flags: importPgFlags }, async ({ kehu, dir }) => {
    step(`embedded PostgreSQL in ${dir}`);
    const engine = kehu.engine;
    const admin = await sql<{ id: number }>`select id from obj_user where username = 'admin'`.execute(engine.db);
    const adminId = Number(admin.rows[0].id);
    const sys = engine.systemContext();
    const target = await transaction(sys, (tx) =>
      createCustomObject(tx.db, engine.registry, decl('benchImport'), adminId),
    );
    const copyTarget = await transaction(sys, (tx) =>
      createCustomObject(tx.db, engine.registry, decl('benchCopy'), adminId),
    );

    const csv = path.join(dir, 'customers.csv');
    writeCsv(csv, rows);
    await new Promise((r) => setTimeout(r, 200));
    fs.chmodSync(csv, 0o644);
    step(`${rows.toLocaleString('en')} rows in ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB of CSV`);

    const ctx = engine.context((await loadActor(engine.db, adminId))!, { ip: '127.0.0.1' });
    const runner = new JobRunner();
    const col = (f: string) => sql.ref(copyTarget.fields.get(f)!.column!);
    const copyColumns = ['name', 'type', 'level', 'province', 'phone', 'creditLimit', 'lastContactAt'].map(col);
    let kehuSeconds = Number.POSITIVE_INFINITY;
    let copySeconds = Number.POSITIVE_INFINITY;
    // Alternating runs on emptied tables; the best of each counts (other work on the machine only slows runs down).
    for (let run = 1; run <= repeat; run++) {
      await sql`truncate ${sql.table(target.table)}, ${sql.table(copyTarget.table)}, sys_history, sys_outbox`.execute(
        engine.db,
      );
      await sql`checkpoint`.execute(engine.db);
      // Kehu: the import job as the HTTP route runs it (the job deletes its copy of the upload).
      const upload = path.join(dir, 'upload.csv');
      fs.copyFileSync(csv, upload);
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      const prep = await prepareImport(ctx, target, upload, { dryRun: false, mode: 'all' });
      const { id } = await startImport(ctx, runner, prep, (err) => console.error(err));
      await runner.idle();
      const seconds = (performance.now() - t0) / 1000;
      const used = process.cpuUsage(cpu);
      const job = await readImportJob(ctx, id);
      if (job.status !== 'done' || job.created !== rows)
        throw new Error(`import failed: ${JSON.stringify(job).slice(0, 500)}`);
      kehuSeconds = Math.min(kehuSeconds, seconds);
      step(
        `run ${run}: Kehu import of ${rows.toLocaleString('en')} records with history in ${seconds.toFixed(2)} s ` +
          `(Node CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`,
      );
      // PostgreSQL COPY of the same file into an identical table (no validation, no history).
      await sql`checkpoint`.execute(engine.db);
      const t1 = performance.now();
      await sql`copy ${sql.table(copyTarget.table)} (${sql.join(copyColumns)})
        from ${sql.lit(csv)} with (format csv, header true)`.execute(engine.db);
      const copied = (performance.now() - t1) / 1000;
      copySeconds = Math.min(copySeconds, copied);
      step(`run ${run}: COPY of ${rows.toLocaleString('en')} rows in ${copied.toFixed(2)} s`);
    }

    const kehuRate = rows / kehuSeconds;
    const copyRate = rows / copySeconds;
    console.log('\n| what | rows | seconds | rows/s |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(
      `| Kehu import (validate, insert, history), best of ${repeat} | ${rows} | ${kehuSeconds.toFixed(2)} | ${Math.round(kehuRate)} |`,
    );
    console.log(
      `| PostgreSQL COPY FROM file, best of ${repeat} | ${rows} | ${copySeconds.toFixed(2)} | ${Math.round(copyRate)} |`,
    );
    console.log(`\nKehu import runs at ${((100 * kehuRate) / copyRate).toFixed(1)} % of COPY (aim: at least 25 %).`);
    await runner.close();
  });
}

await main();
