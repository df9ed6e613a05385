import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { csvOf, gbk } from '../server/src/http/transfer-test-kit.ts';
import { creditCodeCheck } from '../server/src/modules/customers/credit-code.ts';
import { type TestKehu, testPassword } from '../server/test/harness.ts';
import { journeyHooks, openPage, phone, screenshot, signIn } from './support.ts';

// 客户导入（CUS-11、CUS-5）：另一个办事处发来的 GBK 编码 CSV，在 Chromium 中以中文界面导入。
let k: TestKehu;
let browser: Browser;
let known = 0;
const cc = (first17: string) => first17 + creditCodeCheck(first17);
const yantai = cc('91370600MA3C5XE1X');
const file = () => ({
  name: '烟台办事处客户.csv',
  mimeType: 'text/csv',
  buffer: gbk(
    csvOf([
      ['单位名称', '客户类型', '行业', '信用代码', '电子邮箱'],
      ['烟台鸿运物流有限公司', '直客', '冷链', yantai, 'info@hongyun-yt.example.com'],
      ['老客户改名后有限公司', '直接客户', '市政环卫', cc('91350100MA3C5XE2X'), ''],
      ['坏数据环卫有限公司', '直客', '环卫', '91370600XXXX', 'not-an-email'],
      ['烟台 鸿运物流 有限责任公司', '直客', '冷链', yantai, ''],
    ]),
  ),
});

journeyHooks({
  failedAs: () => 'failed-import',
  ready: async (kehu, chromium) => {
    k = kehu;
    browser = chromium;
    for (const body of [
      { name: '福州鸿运物流有限公司', type: 'direct', industry: 'logistics' },
      { name: '福州老客户有限公司', type: 'direct', creditCode: cc('91350100MA3C5XE2X') },
    ]) {
      const r = await k.admin.post('/api/objects/customer', body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      if (body.creditCode) known = r.body.data.id;
    }
  },
});

/** Every response with status 404 the page receives (an upload posted to the page's URL would be one). */
function notFoundResponses(page: Page): string[] {
  const out: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) out.push(`${r.request().method()} ${r.url()}`);
  });
  return out;
}

/** Choose in a searchable antd Select by typing (long option lists are virtual: far options are not rendered). */
async function pick(page: Page, select: Locator, option: string) {
  await select.click();
  await page.keyboard.type(option);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

async function uploadAndMapColumns(page: Page) {
  await page.goto('/o/customer');
  await page.getByTestId('list-more').click();
  await page.locator('.ant-dropdown-menu-item', { hasText: '导入' }).click();
  await page.waitForURL('**/o/customer/import');
  await page.locator('.ant-upload input[type=file]').setInputFiles(file());
  const columns = page.getByTestId('column-mapping');
  await columns.waitFor();
  // The office's own column names: mapped by hand; the others were recognised by their labels.
  await pick(page, page.getByLabel('单位名称'), '客户名称');
  await pick(page, page.getByLabel('信用代码'), '统一社会信用代码');
  await expect.poll(() => columns.locator('.ant-table-row', { hasText: '电子邮箱' }).innerText()).toContain('电子邮箱');
}

describe('客户导入', () => {
  test('CUS-11 CUS-5 导入办事处的 GBK 表格：字段对应、值对应、跳过的重复行链接到已有客户、下载全部错误', async () => {
    const page = await openPage(browser, k.baseUrl);
    const missing = notFoundResponses(page);
    await signIn(page, 'admin', testPassword);
    await uploadAndMapColumns(page);
    await page.getByText('只导入正确的行').click();
    await screenshot(page, 'import-columns');
    await page.getByTestId('import-next').click();

    const values = page.getByTestId('value-mapping');
    await values.waitFor();
    // 直客 and 市政环卫 come with a suggestion; nothing looks like 冷链, so the user chooses 物流.
    const row = (text: string) => values.locator('.ant-table-row', { hasText: text });
    await expect.poll(() => row('直客').innerText()).toContain('直接客户');
    await expect.poll(() => row('市政环卫').innerText()).toMatch(/环卫|市政/);
    expect(await row('冷链').innerText()).toContain('不对应');
    await pick(page, page.getByLabel('行业 冷链'), '物流');
    await expect.poll(() => row('冷链').innerText()).toContain('物流');
    await screenshot(page, 'import-values');
    await page.getByRole('button', { name: /试导入/ }).click();

    const report = page.getByTestId('import-report');
    await report.getByText('试导入完成').waitFor();
    const matches = page.getByTestId('import-matches');
    const byRow = (n: number) => matches.locator('.ant-table-row').filter({ has: page.locator(`td:text-is("${n}")`) });
    await expect.poll(() => byRow(3).innerText()).toContain('统一社会信用代码相同');
    expect(await byRow(3).getByRole('link').getAttribute('href')).toBe(`/o/customer/${known}`);
    expect(await byRow(5).innerText()).toContain('与文件第 2 行重复');
    // One row, both its errors, each named by its column and the field's label.
    const errors = page.getByTestId('import-errors');
    const bad = errors.locator('.ant-table-row', { hasText: '信用代码' });
    await expect.poll(() => bad.innerText()).toContain('统一社会信用代码无效');
    expect(await bad.innerText()).toContain('统一社会信用代码');
    expect(await errors.locator('.ant-table-row', { hasText: '电子邮箱无效' }).count()).toBe(1);
    await screenshot(page, 'import-dry-run');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-errors').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '单位名称',
      '客户类型',
      '行业',
      '信用代码',
      '电子邮箱',
      '错误原因',
    ]);
    const cells = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(cells.slice(0, 5)).toEqual(['坏数据环卫有限公司', '直客', '环卫', '91370600XXXX', 'not-an-email']);
    expect(String(cells[5])).toContain('“信用代码”列（统一社会信用代码）');

    await page.getByRole('button', { name: '开始导入' }).click();
    await report.getByText('导入完成').waitFor();
    await expect.poll(() => byRow(5).getByRole('link').innerText()).toBe('烟台鸿运物流有限公司');
    await byRow(3).getByRole('link').click();
    await page.waitForURL(`**/o/customer/${known}`);
    await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('福州老客户有限公司');
    expect(missing).toEqual([]);

    const list = await k.admin.list('customer', { filter: { field: 'name', op: 'contains', value: '鸿运物流' } });
    expect(list.body.data.map((c: any) => [c.name, c.industry]).sort()).toEqual([
      ['烟台鸿运物流有限公司', 'logistics'],
      ['福州鸿运物流有限公司', 'logistics'],
    ]);
    await page.context().close();
  });

  test('CUS-11 在 390 px 手机上导入：上次的字段对应和值对应自动沿用', async () => {
    const page = await openPage(browser, k.baseUrl, phone);
    const missing = notFoundResponses(page);
    await signIn(page, 'admin', testPassword);
    await page.goto('/o/customer/import');
    await page.locator('.ant-upload input[type=file]').setInputFiles(file());
    await page.getByText('已沿用上次导入相同列时的字段对应和值对应').waitFor();
    await page.getByTestId('import-next').click();
    const values = page.getByTestId('value-mapping');
    await expect.poll(() => values.locator('.ant-table-row', { hasText: '冷链' }).innerText()).toContain('物流');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'import-values-phone');
    expect(missing).toEqual([]);
    await page.context().close();
  });
});
