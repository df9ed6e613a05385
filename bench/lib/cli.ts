import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

/** A progress logger: each line starts with the seconds since the benchmark started. */
export function stepLogger(width = 7): (what: string) => void {
  const started = performance.now();
  return (what) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(width)} s] ${what}`);
}

/** Print the usage line and stop when the arguments are not valid. */
export function requireArgs(valid: boolean, usage: string): void {
  if (valid) return;
  console.error(`usage: ${usage}`);
  process.exit(2);
}

export interface MeasureArgs {
  /** The data size (`--customers`, `--opportunities` …), at least 1000. */
  size: number;
  runs: number;
  explain: boolean;
  sql: boolean;
}

/** Arguments of the API-beside-SQL benchmarks: `--<size> N --runs N [--explain] [--sql]`. */
export function measureArgs(
  script: string,
  size: { name: string; default: number },
  runs: { default: number; min: number },
): MeasureArgs {
  const { values } = parseArgs({
    options: {
      [size.name]: { type: 'string', default: String(size.default) },
      runs: { type: 'string', default: String(runs.default) },
      explain: { type: 'boolean', default: false },
      sql: { type: 'boolean', default: false },
    },
  });
  const out = {
    size: Number(values[size.name]),
    runs: Number(values.runs),
    explain: values.explain === true,
    sql: values.sql === true,
  };
  requireArgs(
    Number.isInteger(out.size) && out.size >= 1000 && Number.isInteger(out.runs) && out.runs >= runs.min,
    `npx tsx bench/${script} [--${size.name} N ≥ 1000] [--runs N ≥ ${runs.min}] [--explain] [--sql]`,
  );
  return out;
}

/** Run a benchmark's main; a failure is printed and sets the exit code. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
