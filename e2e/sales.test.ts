import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type TestKehu, testPassword } from '../server/test/harness.ts';
import { choose, formItem, journeyHooks, openPage, phone, screenshot, signIn } from './support.ts';

// SAL-2 … SAL-4 in Chinese, in Chromium: the board with its stage gate, the opportunity's checklist, the forecast.
let k: TestKehu;
let browser: Browser;
const stages: number[] = [];

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const quarterEnd = new Date(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3 + 3, 0);
const closeDate = `${quarterEnd.getFullYear()}-${pad(quarterEnd.getMonth() + 1)}-${pad(quarterEnd.getDate())}`;

async function create(object: string, body: Record<string, unknown>) {
  const r = await k.admin.post(`/api/objects/${object}`, body);
  if (r.status !== 201) throw new Error(`${object}: ${JSON.stringify(r.body)}`);
  return r.body.data as Record<string, any>;
}

async function patch(object: string, id: number, body: Record<string, unknown>) {
  const r = await k.admin.patch(`/api/objects/${object}/${id}`, body);
  if (r.status !== 200) throw new Error(`${object} ${id}: ${JSON.stringify(r.body)}`);
  return r.body.data as Record<string, any>;
}

/** Tick the first stage's checklist item through the API (for the opportunities the journeys do not drag). */
async function tickSurvey(opp: number) {
  const tasks = await k.admin.list('opportunityTask', { filter: { field: 'opportunity', op: 'eq', value: opp } });
  for (const t of tasks.body.data) await patch('opportunityTask', t.id, { done: true });
}

journeyHooks({
  failedAs: () => 'failed-sales',
  ready: async (kehu, chromium) => {
    k = kehu;
    browser = chromium;
    const process = await create('salesProcess', { name: '整车销售流程', isDefault: true });
    for (const [i, s] of [
      {
        name: '初步接触',
        probability: 10,
        requiredTasks: ['完成需求调研表'],
        playbook: '了解客户的车型、数量、预算和采购时间，填写需求调研表。',
      },
      { name: '方案报价', probability: 40, playbook: '根据调研结果出方案和报价。' },
      { name: '商务谈判', probability: 70 },
    ].entries())
      stages.push((await create('salesStage', { ...s, process: process.id, sortOrder: (i + 1) * 10 })).id);
    const customer = (await create('customer', { name: '济南城市环卫有限公司', type: 'direct' })).id;
    const opp = (name: string, amount: number, extra: Record<string, unknown> = {}) =>
      create('opportunity', { name, customer, amount, expectedCloseDate: closeDate, ...extra });
    await opp('环卫车 20 台', 1_200_000);
    await opp('冷藏车 5 台', 500_000, { committed: true });
    const tanker = await opp('油罐车 3 台', 800_000);
    await tickSurvey(tanker.id);
    await patch('opportunity', tanker.id, { stage: stages[1] });
    const crane = await opp('随车吊 2 台', 300_000);
    await tickSurvey(crane.id);
    await patch('opportunity', crane.id, { status: 'won' });
  },
});

const column = (page: Page, stage: string) => page.getByRole('region', { name: stage });
const cardIn = (page: Page, stage: string, name: string) =>
  column(page, stage).getByTestId('board-card').filter({ hasText: name });

describe('sales journeys', () => {
  test('SAL-2 SAL-3 拖动商机跨阶段：缺少必须完成的任务时卡片弹回并说明缺什么；勾选任务后再拖即可移动', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'admin', testPassword);
    await page.getByTestId('side-menu').getByText('商机看板').click();
    await cardIn(page, '初步接触', '环卫车 20 台').waitFor();
    await expect.poll(() => column(page, '初步接触').getByTestId('column-count').textContent()).toBe('2 个');
    await expect.poll(() => column(page, '初步接触').getByTestId('column-amount').textContent()).toBe('¥170万');

    // The gate refuses: the card stays where it was and the message names the missing task.
    await cardIn(page, '初步接触', '环卫车 20 台').dragTo(column(page, '方案报价'));
    const refused = page.getByTestId('move-refused');
    await expect.poll(() => refused.textContent()).toContain('完成需求调研表');
    expect(await refused.textContent()).toContain('初步接触');
    await expect.poll(() => cardIn(page, '初步接触', '环卫车 20 台').count()).toBe(1);
    expect(await cardIn(page, '方案报价', '环卫车 20 台').count()).toBe(0);
    await screenshot(page, 'sales-board-refused');

    // The checklist is one click away, with the stage's playbook; tick the task there.
    await refused.getByRole('button', { name: '查看检查项' }).click();
    const drawer = page.getByTestId('stage-panel');
    await drawer.getByTestId('playbook').filter({ hasText: '需求调研表' }).waitFor();
    await drawer.getByTestId('next-missing').filter({ hasText: '完成需求调研表' }).waitFor();
    await drawer.getByTestId('checklist-item').filter({ hasText: '完成需求调研表' }).locator('input').check();
    await drawer.getByTestId('next-ready').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await cardIn(page, '初步接触', '环卫车 20 台').dragTo(column(page, '方案报价'));
    await cardIn(page, '方案报价', '环卫车 20 台').waitFor();
    expect(await cardIn(page, '初步接触', '环卫车 20 台').count()).toBe(0);
    await expect.poll(() => column(page, '方案报价').getByTestId('column-count').textContent()).toBe('2 个');
    await expect.poll(() => column(page, '初步接触').getByTestId('column-count').textContent()).toBe('1 个');
    await screenshot(page, 'sales-board-moved');

    // The opportunity's stage tab: the path with days per stage and the history of the move.
    await cardIn(page, '方案报价', '环卫车 20 台').getByTestId('card-open').click();
    await page.getByRole('link', { name: '打开商机' }).click();
    await page.getByRole('tab', { name: '销售阶段' }).click();
    const path = page.getByTestId('stage-path');
    await path.waitFor();
    await expect.poll(() => path.getByTestId('stage-days').count()).toBe(2);
    expect(await page.getByTestId('checklist-item').filter({ hasText: '完成需求调研表' }).count()).toBe(1);
  });

  test('SAL-2 手机上（390 px）看板横向滚动，用卡片菜单移动阶段', async () => {
    const page = await openPage(browser, k.baseUrl, phone);
    await signIn(page, 'admin', testPassword);
    await page.goto('/sales/board');
    const board = page.getByTestId('sales-board');
    await cardIn(page, '方案报价', '油罐车 3 台').waitFor();
    expect(await board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await cardIn(page, '方案报价', '油罐车 3 台').getByTestId('card-move').click();
    await page.getByRole('menuitem', { name: '移到「商务谈判」' }).click();
    await cardIn(page, '商务谈判', '油罐车 3 台').waitFor();
    await screenshot(page, 'sales-board-phone');
  });

  test('SAL-4 查看本季度销售预测（悲观/一般/乐观/已赢单）并下钻到对应的商机列表', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'admin', testPassword);
    await page.getByTestId('side-menu').getByText('销售预测').click();
    const figure = (s: string) => page.getByTestId(`forecast-${s}`);
    await expect.poll(() => figure('pessimistic').textContent()).toContain('¥50万');
    await expect.poll(() => figure('optimistic').textContent()).toContain('¥250万');
    await expect.poll(() => figure('won').textContent()).toContain('¥30万');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'sales-forecast');

    // Pessimistic = committed or highly probable: only the committed refrigerated trucks.
    await figure('pessimistic').click();
    await page.waitForURL('**/o/opportunity');
    const records = page.getByTestId('record-link');
    await expect.poll(() => records.allTextContents()).toEqual(['冷藏车 5 台']);

    await page.goBack();
    await figure('optimistic').click();
    await page.waitForURL('**/o/opportunity');
    await expect
      .poll(async () => (await records.allTextContents()).sort())
      .toEqual(['冷藏车 5 台', '油罐车 3 台', '环卫车 20 台'].sort());

    // By owner, beside the target; the same screen in English.
    await page.goto('/sales/forecast?by=owner');
    const table = page.getByTestId('forecast-table');
    await expect.poll(() => table.locator('.group-total').textContent()).toContain('¥2,500,000.00');
    await page.evaluate(() => localStorage.setItem('kehu.locale', 'en-US'));
    await page.reload();
    await page.getByRole('heading', { name: 'Sales forecast' }).waitFor();
    await expect.poll(() => figure('pessimistic').textContent()).toContain('Pessimistic');
  });

  test('SAL-1 输单时必须填写原因；输单后可以重新打开', async () => {
    const customer = (await create('customer', { name: '徐州消防支队', type: 'direct' })).id;
    const opp = await create('opportunity', { name: '消防车 1 台', customer, amount: 900_000 });
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'admin', testPassword);
    await page.goto(`/o/opportunity/${opp.id}`);
    await page.getByTestId('close-lost').click();
    await page.getByTestId('close-ok').click();
    await formItem(page, '原因').locator('.ant-form-item-explain-error').waitFor();
    await choose(page, formItem(page, '原因').locator('.ant-select'), '价格');
    await page.getByTestId('close-ok').click();
    await page.getByTestId('reopen').waitFor();
    const saved = (await k.admin.get(`/api/objects/opportunity/${opp.id}`)).body.data;
    expect([saved.status, saved.closeReason, saved.probability]).toEqual(['lost', 'price', 0]);
    await page.getByTestId('reopen').click();
    await page.getByTestId('close-won').waitFor();
    expect((await k.admin.get(`/api/objects/opportunity/${opp.id}`)).body.data.status).toBe('open');
  });
});
