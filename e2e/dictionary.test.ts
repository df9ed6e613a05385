import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type TestKehu, testPassword } from '../server/test/harness.ts';
import { formItem, journeyHooks, openPage, phone, screenshot, signIn } from './support.ts';

// WF-7 数据字典 in Chromium: an administrator renames 经销商 to 代理商 and deactivates 合作伙伴; a salesperson's customer
// form offers the new name and not the inactive option, and a customer that holds it still shows it, greyed.
let k: TestKehu;
let browser: Browser;
let partner: number;

journeyHooks({
  failedAs: () => 'failed-dictionary',
  ready: async (kehu, chromium) => {
    k = kehu;
    browser = chromium;
    const all = { create: 'all', read: 'all', update: 'all' } as const;
    await k.user({ username: 'xiaoli', grants: { customer: all } });
    const r = await k.admin.post('/api/objects/customer', { name: '日照港城合作伙伴有限公司', type: 'partner' });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    partner = r.body.data.id;
  },
});

const option = (page: Page, value: string) => page.locator(`[data-testid="dictionary-option"][data-value="${value}"]`);

/** The texts of the open drop-down's options, once they have loaded. */
async function offered(page: Page, label: string): Promise<string[]> {
  await formItem(page, label).locator('.ant-select').click();
  const items = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await items.first().waitFor();
  return items.allInnerTexts();
}

describe('WF-7 data dictionary', () => {
  test('WF-7 an administrator renames 经销商 to 代理商 and deactivates 合作伙伴; a salesperson’s form follows', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'admin', testPassword);
    await page.getByTestId('side-menu').getByRole('link', { name: '数据字典', exact: true }).click();
    await page
      .getByTestId('dictionary-fields')
      .getByRole('button', { name: /^客户类型/ })
      .first()
      .click();
    const dealer = option(page, 'dealer');
    await dealer.getByLabel('经销商 · 中文名称').fill('代理商');
    await dealer.getByLabel('代理商 · 英文名称').fill('Agent');
    // 经销商 is what dealer tabs and targets look for: renamed, never switched off.
    expect(await dealer.getByRole('switch').isDisabled()).toBe(true);
    await expect.poll(() => option(page, 'partner').innerText()).toContain('1 条记录使用');
    await option(page, 'partner').getByRole('switch').click();
    await page.getByLabel('合作伙伴 · 上移').click();
    await screenshot(page, 'dictionary-admin');
    await page.getByTestId('dictionary-save').click();
    await page.getByText('已保存，所有用户下次打开页面时生效').waitFor();
    await expect.poll(() => option(page, 'dealer').getByLabel('代理商 · 中文名称').inputValue()).toBe('代理商');
    await page.context().close();

    const sales = await openPage(browser, k.baseUrl, phone);
    await signIn(sales, 'xiaoli', testPassword);
    await sales.goto('/o/customer/new');
    await sales.getByTestId('record-form').waitFor();
    const types = await offered(sales, '客户类型');
    expect(types).toContain('代理商');
    expect(types).not.toContain('经销商');
    expect(types.join()).not.toContain('合作伙伴');
    await screenshot(sales, 'dictionary-sales-form');
    await sales.goto(`/o/customer/${partner}`);
    const held = sales.locator('.ant-tag.option-inactive', { hasText: '合作伙伴' });
    await held.first().waitFor();
    expect(await held.first().getAttribute('title')).toBe('已停用');
    await sales.context().close();
  });

  test('WF-7 the dictionary page works on a 390 px phone', async () => {
    const page = await openPage(browser, k.baseUrl, phone);
    await signIn(page, 'admin', testPassword);
    await page.goto('/admin/dictionary?field=customer.type');
    await option(page, 'dealer').waitFor();
    await expect.poll(() => option(page, 'partner').innerText()).toContain('已停用');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(phone.width);
    await page.getByTestId('dictionary-picker').click();
    await page.keyboard.type('行业');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '客户 · 行业' })
      .click();
    await option(page, 'sanitation').waitFor();
    await screenshot(page, 'dictionary-phone');
    await page.context().close();
  });
});
