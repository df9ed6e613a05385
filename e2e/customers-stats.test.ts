import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type TestKehu, testPassword } from '../server/test/harness.ts';
import { journeyHooks, openPage, phone, screenshot, signIn } from './support.ts';

// 客户统计 in Chinese, in Debian's Chromium, against a whole Kehu on a fresh database (CUS-4).
let k: TestKehu;
let browser: Browser;

journeyHooks({
  failedAs: () => 'failed-stats',
  ready: async (kehu, chromium) => {
    k = kehu;
    browser = chromium;
    const customers: Array<[string, string | undefined, string]> = [
      ['统计环卫甲有限公司', 'sanitation', '山东省 济南市'],
      ['统计环卫乙有限公司', 'sanitation', '山东省 青岛市'],
      ['统计环卫丙有限公司', 'sanitation', '江苏省 南京市'],
      ['统计消防甲有限公司', 'fire', '山东省 济南市'],
      ['统计消防乙有限公司', 'fire', '广东省 广州市'],
      ['统计物流有限公司', 'logistics', '浙江省 杭州市'],
      ['统计未分类有限公司', undefined, '北京市'],
    ];
    for (const [name, industry, region] of customers) {
      const r = await k.admin.post('/api/objects/customer', { name, type: 'direct', industry, region });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    }
  },
});

/** The bars of the chart (SVG shapes in the count series' blue), widest first. */
async function barsBySize(page: Page) {
  const chart = page.getByTestId('chart');
  await chart.locator('svg path').first().waitFor({ state: 'attached' });
  await chart.scrollIntoViewIfNeeded();
  const boxes = await chart.locator('svg path').evaluateAll((paths) =>
    paths
      .filter((p) => /^(#1677ff|rgb\(22,\s*119,\s*255\))$/i.test(p.getAttribute('fill') ?? ''))
      .map((p) => {
        const b = p.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2, width: b.width };
      }),
  );
  return boxes.sort((a, b) => b.width - a.width);
}

describe('CUS-4 customer statistics', () => {
  test('CUS-4 a click on the biggest industry bar opens the customer list filtered to that industry', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'admin', testPassword);
    await page.getByTestId('side-menu').getByText('客户统计').click();
    await page.waitForURL('**/customers/stats');
    await expect.poll(() => page.getByTestId('stats-total').textContent()).toBe('7');
    await expect.poll(async () => (await barsBySize(page)).length).toBe(4);
    await screenshot(page, 'customers-stats');
    const [biggest] = await barsBySize(page);
    await page.mouse.click(biggest.x, biggest.y);
    await page.waitForURL((url) => url.pathname === '/o/customer');
    await expect.poll(() => page.getByTestId('list-total').textContent()).toBe('共 3 条');
    await expect
      .poll(() => page.getByTestId('record-link').allTextContents())
      .toEqual(expect.arrayContaining(['统计环卫甲有限公司', '统计环卫乙有限公司', '统计环卫丙有限公司']));
    await screenshot(page, 'customers-stats-drilled');
  });

  test('CUS-4 by region on a phone: provinces by name, and a table row drills down too', async () => {
    const page = await openPage(browser, k.baseUrl, phone);
    await signIn(page, 'admin', testPassword);
    await page.goto('/customers/stats?by=region');
    const table = page.getByTestId('stats-table');
    await expect
      .poll(() => table.locator('tbody tr a').allTextContents())
      .toEqual(expect.arrayContaining(['山东省', '江苏省', '广东省', '浙江省', '北京市']));
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.getByText('地图', { exact: true }).click();
    await page.getByTestId('chart').locator('svg path').nth(20).waitFor();
    await screenshot(page, 'customers-stats-map-phone');
    await table.locator('tbody tr a', { hasText: '山东省' }).click();
    await page.waitForURL((url) => url.pathname === '/o/customer');
    await expect.poll(() => page.getByTestId('list-total').textContent()).toBe('共 3 条');
  });
});
