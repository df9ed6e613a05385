/**
 * Web client benchmark (issue #4, speed): builds web/dist if stale, boots a whole Kehu on a throw-away embedded
 * PostgreSQL with a customer-like object of N rows (default 1,000,000), then in headless Chromium measures
 *   1. the JavaScript needed for the sign-in page, and for sign-in + the first list view: files, raw bytes,
 *      gzip (level 9, what the server sends pre-compressed) and brotli;
 *   2. the time from navigation start to the first rendered list row, on a cold cache and a warm one, and when the
 *      first page was asked for and answered (cold);
 *   3. the time to the next page when scrolling to the end of the virtual list (keyset paging).
 * `npm run bench:web -- --rows 100000 --runs 5`. Prints figures; asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support.ts';
import { ensureWebBuild } from '../scripts/ensure-web-build.mjs';
import { benchPassword, createCustomers, createPeople } from './data-gen.ts';
import { startBenchApp } from './lib/app.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '7' },
    files: { type: 'boolean', default: false },
  },
});
const rows = Number(args.rows);
const runs = Number(args.runs);
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');
const step = (s: string) => console.error(`[web bench] ${s}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Records the first list row's paint time (ms since navigation start) inside the page. */
const firstRowProbe = () => {
  const w = window as unknown as { __firstRow?: number };
  new MutationObserver((_, obs) => {
    if (w.__firstRow === undefined && document.querySelector('[data-testid="record-link"]')) {
      w.__firstRow = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

function jsSizes(urls: Set<string>) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const u of urls) {
    const body = fs.readFileSync(path.join(dist, new URL(u).pathname));
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
    brotli += zlib.brotliCompressSync(body).length;
  }
  return { files: urls.size, raw, gzip, brotli };
}

async function signIn(page: Page) {
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(benchPassword);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.shell-header').waitFor();
}

async function measure(browser: Browser, baseURL: string, object: string) {
  // 1. JavaScript per step, on a cold cache.
  const ctx = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
  const page = await ctx.newPage();
  const seen = new Set<string>();
  page.on('response', (r) => {
    if (r.url().endsWith('.js') && r.ok()) seen.add(r.url());
  });
  await page.goto('/login');
  await page.getByRole('button', { name: /登\s*录/ }).waitFor();
  const login = jsSizes(seen);
  await signIn(page);
  await page.goto(`/o/${object}`);
  await page.getByTestId('record-link').first().waitFor();
  const firstList = jsSizes(seen);
  if (args.files)
    for (const u of seen) {
      const body = fs.readFileSync(path.join(dist, new URL(u).pathname));
      console.error(
        `  ${new URL(u).pathname.padEnd(48)} ${kb(zlib.gzipSync(body, { level: 9 }).length).padStart(9)} gzip`,
      );
    }
  const state = await ctx.storageState();
  await ctx.close();

  // 2. Time to the first list row: a signed-in browser opening the list URL, cold cache then warm.
  const cold: number[] = [];
  const warm: number[] = [];
  const asked: number[] = [];
  const answered: number[] = [];
  const nextPage: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = await browser.newContext({ baseURL, storageState: state, viewport: { width: 1366, height: 860 } });
    await c.addInitScript(firstRowProbe);
    const p = await c.newPage();
    for (const into of [cold, warm]) {
      await p.goto(`/o/${object}`);
      await p.waitForFunction(() => (window as unknown as { __firstRow?: number }).__firstRow !== undefined);
      into.push(await p.evaluate(() => (window as unknown as { __firstRow: number }).__firstRow));
      if (into !== cold) continue;
      // The first page's request: when the client sent it and when the answer was in (ms since navigation start).
      const [sent, done] = await p.evaluate(
        (path) =>
          (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
            .filter((e) => new URL(e.name).pathname === path)
            .map((e) => [e.startTime, e.responseEnd])[0] ?? [Number.NaN, Number.NaN],
        `/api/objects/${object}/query`,
      );
      asked.push(sent);
      answered.push(done);
    }
    // 3. Scroll the virtual list to its end: the next keyset page is fetched and rendered.
    const before = await p.getByTestId('record-link').last().textContent();
    const t0 = Date.now();
    await p.locator('.ant-table-tbody-virtual-holder').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await p.waitForResponse((r) => r.url().includes(`/api/objects/${object}/query`));
    await p.waitForFunction((prev) => {
      const links = document.querySelectorAll('[data-testid="record-link"]');
      return links.length > 0 && links[links.length - 1].textContent !== prev;
    }, before);
    nextPage.push(Date.now() - t0);
    await c.close();
  }
  return { login, firstList, cold, warm, asked, answered, nextPage };
}

async function main() {
  step('building web/dist if stale');
  ensureWebBuild();
  step('starting PostgreSQL and Kehu');
  const app = await startBenchApp({ adminPassword: benchPassword });
  let browser: Browser | undefined;
  try {
    const people = await createPeople(app.kehu.engine, 2, 5);
    step(`loading ${rows.toLocaleString('en')} rows`);
    const obj = await createCustomers(app.kehu.engine, people, rows);
    browser = await launchChromium();
    step(`measuring (${runs} runs)`);
    const r = await measure(browser, app.baseUrl, obj.name);
    const line = (what: string, s: ReturnType<typeof jsSizes>) =>
      console.log(
        `${what.padEnd(34)} ${String(s.files).padStart(3)} files  ${kb(s.raw).padStart(10)} raw  ${kb(s.gzip).padStart(9)} gzip  ${kb(s.brotli).padStart(9)} brotli`,
      );
    console.log(
      `\nKehu web client, ${rows.toLocaleString('en')} rows in ${obj.name}, headless Chromium, ${runs} runs\n`,
    );
    line('JavaScript for the sign-in page', r.login);
    line('JavaScript for sign-in + first list', r.firstList);
    const ms = (xs: number[]) =>
      `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
    console.log(`${'first list row, cold cache'.padEnd(34)} ${ms(r.cold)}`);
    console.log(`${'first page asked for, cold cache'.padEnd(34)} ${ms(r.asked)}`);
    console.log(`${'first page answered, cold cache'.padEnd(34)} ${ms(r.answered)}`);
    console.log(`${'first list row, warm cache'.padEnd(34)} ${ms(r.warm)}`);
    console.log(`${'next page after scrolling to end'.padEnd(34)} ${ms(r.nextPage)}`);
    const load = os.loadavg().map((l) => l.toFixed(2));
    console.log(`\nmachine: ${os.cpus().length} cores, load average ${load.join(' / ')} (other work skews the times)`);
  } finally {
    await browser?.close();
    await app.close();
  }
}

await main();
