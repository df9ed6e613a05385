import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startKehu, type TestKehu } from '../server/test/harness.ts';

const shots = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Debian's Chromium, headless (installed by .ci/run when e2e/ exists). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface JourneyOptions {
  /** Gets the started Kehu and browser (keep them in the file's variables) and does the file's own setup. */
  ready: (k: TestKehu, browser: Browser) => void | Promise<void>;
  /** How to start Kehu (default: startKehu()). */
  start?: () => Promise<TestKehu>;
  /** The file name prefix of a failed test's screenshots (default: failed-<first word of the test title>). */
  failedAs?: (test: string) => string;
  /** Closed after Kehu (servers the started Kehu talks to). */
  stop?: () => Promise<unknown>;
}

/** One Kehu and one Chromium per journey file; a failed journey leaves a picture of where it stopped. */
export function journeyHooks(o: JourneyOptions): void {
  let k: TestKehu | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [k, browser] = await Promise.all([(o.start ?? startKehu)(), launchChromium()]);
    await o.ready(k, browser);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !browser) return;
    const name = (o.failedAs ?? ((test) => `failed-${test.split(' ')[0]}`))(ctx.task.name);
    for (const [i, c] of browser.contexts().entries())
      for (const [j, p] of c.pages().entries()) await screenshot(p, `${name}-${i}-${j}`).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await k?.close();
    await o.stop?.();
  });
}

export const desktop = { width: 1366, height: 860 };
export const phone = { width: 390, height: 844 };

/** A fresh browser context (own cookies) in Chinese at the given size. */
export async function openPage(browser: Browser, baseURL: string, viewport = desktop): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** Saved for people to look at (e2e/screenshots is ignored by git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.shell-header').waitFor();
}

/** Open an antd Select (or Cascader) and click the option with this text. */
export async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page
    .locator(
      '.ant-select-dropdown:visible .ant-select-item-option, .ant-cascader-dropdown:visible .ant-cascader-menu-item',
    )
    .filter({ hasText: option })
    .first()
    .click();
}

/** The antd Form.Item (the whole row: label, input, errors) whose label is exactly this text. */
export function formItem(page: Page, label: string): Locator {
  return page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });
}

/** Wait until an element is visible and its enter animations have finished (for screenshots of dialogs). */
export async function settled(locator: Locator): Promise<void> {
  await locator.waitFor();
  await locator.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
}
