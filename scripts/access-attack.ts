/**
 * The access attack suite of issue 12 (server/src/http/access-property.test.ts: SEC-2 row scopes and shares,
 * SEC-3 field rights, SEC-14 masking, on every read and write path, against a real PostgreSQL) with many runs,
 * over several seeded worlds (each seed draws other roles, departments, owners and links).
 *
 *   npx tsx scripts/access-attack.ts [--seeds 3] [--seed 20261207] [--scale 20] [--runs N] [--report] [--stats]
 *                                    [--shrink] [--only <test name part>]
 *
 *   --seeds   how many worlds: seeds seed, seed + 1, …            --scale  multiplies every property's runs
 *   --runs    a fixed number of runs per property instead          --only   run the properties whose title matches
 *   --report  do not stop at the first failing case of a property: list every problem found, grouped by property
 *   --stats   print how often each situation came up (refusals, hop scope deciding a filter, …)
 *   --shrink  let fast-check shrink a failing case (slow: every step is a real HTTP round trip)
 *
 * It runs vitest on the test file with KEHU_PROPERTY_SEED, KEHU_PROPERTY_RUNS(_SCALE), KEHU_PROPERTY_REPORT,
 * KEHU_PROPERTY_STATS and KEHU_PROPERTY_SHRINK set; `npm test` runs the same file with one seed and few runs.
 * Exit code 1 when a property failed (or, with --report, when any problem was found).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '20261207' },
    scale: { type: 'string', default: '20' },
    runs: { type: 'string' },
    report: { type: 'boolean', default: false },
    stats: { type: 'boolean', default: false },
    shrink: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const seeds = Number(args.seeds);
const first = Number(args.seed);
const scale = Number(args.scale);
if (![seeds, first, scale].every(Number.isFinite) || seeds < 1 || scale <= 0) {
  console.error('usage: npx tsx scripts/access-attack.ts [--seeds N] [--seed N] [--scale X] [--runs N] [--report]');
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, '..');
const file = 'server/src/http/access-property.test.ts';
const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-attack-')), 'problems.txt');
let failed = false;

for (let seed = first; seed < first + seeds; seed++) {
  console.log(`\n== world of seed ${seed} ==`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEHU_PROPERTY_SEED: String(seed),
    KEHU_PROPERTY_RUNS_SCALE: String(scale),
    ...(args.runs ? { KEHU_PROPERTY_RUNS: args.runs } : {}),
    ...(args.report ? { KEHU_PROPERTY_REPORT: reportFile } : {}),
    ...(args.stats ? { KEHU_PROPERTY_STATS: '1' } : {}),
    ...(args.shrink ? { KEHU_PROPERTY_SHRINK: '1' } : {}),
  };
  const vitest = ['vitest', 'run', '--project', 'server', file, ...(args.only ? ['-t', args.only] : [])];
  const r = spawnSync('npx', vitest, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}

if (args.report) {
  const lines = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8').split('\n') : [];
  const byProperty = new Map<string, string[]>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^([a-z][a-z ]*): (.*)$/.exec(lines[i]);
    if (!m) continue;
    const list = byProperty.get(m[1]) ?? [];
    list.push(`${m[2]}\n    ${lines[i + 1]?.trim() ?? ''}`);
    byProperty.set(m[1], list);
  }
  console.log(`\n== problems found (${reportFile}) ==`);
  if (byProperty.size === 0) console.log('none');
  for (const [property, problems] of byProperty) {
    console.log(`\n${property}: ${problems.length} failing cases; the first ones:`);
    for (const p of problems.slice(0, 5)) console.log(`  ${p.slice(0, 1200)}`);
  }
  if (byProperty.size) failed = true;
}
process.exitCode = failed ? 1 : 0;
