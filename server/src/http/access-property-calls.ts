import fs from 'node:fs';
import type { ApiClient } from '../../test/api-client.ts';
import { propertyRuns, propertySeed } from './access-property-schema.ts';

/** Requests and bookkeeping of the access attack suite. */

export const qs = (params: Record<string, unknown>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined) q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export interface Pages {
  status: number;
  /** Every response body (the refusal when status is not 200). */
  bodies: any[];
  rows: Record<string, any>[];
  total?: number;
  paths: string[];
}

/** Every page of a list (keyset cursor), as the client would walk it: GET, or POST …/query with a JSON body. */
export async function allPages(
  api: ApiClient,
  path: string,
  params: Record<string, unknown>,
  post = false,
): Promise<Pages> {
  const out: Pages = { status: 200, bodies: [], rows: [], paths: [] };
  let cursor: string | undefined;
  for (let page = 0; page < 60; page++) {
    const body = Object.fromEntries(Object.entries({ ...params, cursor }).filter(([, v]) => v !== undefined));
    const p = post ? `POST ${path}/query ${JSON.stringify(body)}` : `${path}${qs({ ...params, cursor })}`;
    const r = post ? await api.post(`${path}/query`, body) : await api.get(p);
    out.paths.push(p);
    out.bodies.push(r.body);
    if (r.status !== 200) {
      out.status = r.status;
      return out;
    }
    if (page === 0) out.total = r.body.total;
    out.rows.push(...r.body.data);
    cursor = r.body.nextCursor ?? undefined;
    if (!cursor) return out;
  }
  throw new Error(`${path}: more than 60 pages`);
}

/** The error code of a refusal (JSON body), or undefined. */
export const codeOf = (body: any): string | undefined => body?.error?.code;

/**
 * fast-check options: a fixed seed (KEHU_PROPERTY_SEED), the number of runs (scaled by KEHU_PROPERTY_RUNS or
 * KEHU_PROPERTY_RUNS_SCALE); shrinking only when KEHU_PROPERTY_SHRINK=1 (each step is a real HTTP round trip).
 */
export const runs = (n: number) => ({
  numRuns: propertyRuns(n),
  seed: propertySeed,
  endOnFailure: process.env.KEHU_PROPERTY_SHRINK !== '1',
});

/** A test's time limit for `n` runs (scaled like the runs): a run is a few HTTP round trips. */
export const budget = (n: number) => 30_000 + propertyRuns(n) * 1_500;

const reportFile = process.env.KEHU_PROPERTY_REPORT;

/**
 * Fail the run with the problems found; in report mode (KEHU_PROPERTY_REPORT=<file>, used by
 * scripts/access-attack.ts) write them down and go on, so that one run lists every kind of leak.
 */
export function verdict(property: string, what: unknown, problems: string[]): boolean {
  if (problems.length === 0) return true;
  const text = `${property}: ${problems.slice(0, 8).join('; ')}\n  case: ${JSON.stringify(what).slice(0, 1500)}`;
  if (reportFile) {
    fs.appendFileSync(reportFile, `${text}\n`);
    return true;
  }
  throw new Error(text);
}

/** How often each situation came up (KEHU_PROPERTY_STATS=1): a property that never meets a case proves nothing. */
export const stats = new Map<string, number>();
export const statsOn = process.env.KEHU_PROPERTY_STATS === '1';
export function note(label: string): void {
  if (statsOn) stats.set(label, (stats.get(label) ?? 0) + 1);
}
export function printStats(): void {
  if (!statsOn) return;
  const lines = [...stats].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${String(n).padStart(5)}  ${k}`);
  process.stdout.write(`access property statistics:\n${lines.join('\n')}\n`);
}
