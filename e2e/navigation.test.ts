import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { ApiClient } from '../server/test/api-client.ts';
import { type TestKehu, testPassword } from '../server/test/harness.ts';
import { journeyHooks, openPage, phone, screenshot, signIn } from './support.ts';

// A new installation in Chinese, in Chromium (issue 13): the menu follows the user's work and rights, phones read as
// Chinese users write them and are found by any part, the calendar opens at working hours, roles speak Chinese.
let k: TestKehu;
let browser: Browser;
let sales: ApiClient;
let customer: number;
const early = new Date(2026, 2, 4, 6, 30);

journeyHooks({
  failedAs: (test) => `failed-nav-${test.split(' ')[0]}`,
  ready: async (kehu, chromium) => {
    k = kehu;
    browser = chromium;
    // A salesperson with the starter role every installation has (销售员), as a new customer would set one up.
    const roles = await k.admin.list('role', { filter: { field: 'name', op: 'eq', value: '销售员' } });
    const made = await k.admin.post('/api/objects/user', {
      username: 'xiaozhang',
      name: '小张',
      password: testPassword,
      roles: [roles.body.data[0].id],
    });
    if (made.status !== 201) throw new Error(JSON.stringify(made.body));
    sales = await k.as('xiaozhang');
    const c = await sales.post('/api/objects/customer', {
      name: '青岛港湾机械有限公司',
      type: 'direct',
      phone: '0532-86881234',
    });
    if (c.status !== 201) throw new Error(JSON.stringify(c.body));
    customer = c.body.data.id;
    // The administrator shows the phone in the customer list (页面布局), as most installations would.
    const layout = await k.admin.post('/api/objects/objectLayout', {
      object: 'customer',
      kind: 'list',
      fields: ['name', 'phone', 'type', 'owner'],
    });
    if (layout.status !== 201) throw new Error(JSON.stringify(layout.body));
    // One meeting in the working day today, one early departure on another day.
    const today = new Date();
    today.setHours(10, 0, 0, 0);
    for (const [title, start] of [
      ['拜访青岛港湾', today],
      ['早班出发', early],
    ] as const) {
      const e = await sales.post('/api/objects/event', { title, start: start.toISOString() });
      if (e.status !== 201) throw new Error(JSON.stringify(e.body));
    }
  },
});

const groups = (page: Page) => page.getByTestId('side-menu').locator('[data-testid^="nav-group-"]').allTextContents();
const entries = (page: Page, group: string) =>
  page
    .getByTestId('side-menu')
    .locator('li.ant-menu-submenu', { has: page.getByTestId(`nav-group-${group}`) })
    .locator('li.ant-menu-item')
    .allTextContents();

/** How far the 08:00 (or another) row of the time grid sits below the top of its scrolling frame, in pixels. */
const rowOffset = (page: Page, time: string) =>
  page.evaluate((t) => {
    const row = document.querySelector(`.fc-timegrid-slot-label[data-time="${t}"]`);
    const frame = row?.closest('.fc-scroller');
    return row && frame ? Math.round(row.getBoundingClientRect().top - frame.getBoundingClientRect().top) : null;
  }, time);

describe('navigation by the user’s work', () => {
  test('SEC-2 a salesperson’s menu: groups in work order, no settings, no pool rules; the search box names what it finds', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'xiaozhang', testPassword);
    await expect.poll(() => groups(page)).toEqual(['工作台', '客户管理', '销售管理', '团队协作', '统计报表']);
    expect(await entries(page, 'workbench')).toEqual(['首页', '审批', '日程安排', '我的任务', '预警规则']);
    const customers = await entries(page, 'customers');
    expect(customers.slice(0, 3)).toEqual(['客户', '联系人', '公海']);
    expect(await entries(page, 'sales')).toEqual(expect.arrayContaining(['商机', '商机看板', '产品']));
    const menu = (await page.getByTestId('side-menu').textContent()) ?? '';
    for (const absent of ['系统设置', '公海规则', '销售流程', '销售阶段', '导出申请', '页面布局', '用户', '操作日志'])
      expect(menu, absent).not.toContain(absent);
    const search = page.getByTestId('global-search');
    expect(await search.getAttribute('placeholder')).toBe('搜索客户、联系人、商机……');
    await screenshot(page, 'nav-salesperson');
  });

  test('CUS-2 CUS-3 a landline reads 0532-8688 1234 in the list and on the record, and typing 8688 1234 finds it', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'xiaozhang', testPassword);
    await page.goto('/o/customer');
    await page.getByTestId('record-table').waitFor();
    await expect.poll(() => page.getByTestId('record-table').textContent()).toContain('0532-8688 1234');
    await page.getByTestId('global-search').fill('8688 1234');
    const hit = page.getByTestId('search-hit').filter({ hasText: '青岛港湾机械有限公司' });
    await expect.poll(() => hit.textContent()).toContain('0532-8688 1234');
    await screenshot(page, 'nav-phone-search');
    await hit.click();
    await page.waitForURL(`**/o/customer/${customer}`);
    const link = page.locator('a[href="tel:+8653286881234"]');
    await expect.poll(() => link.first().textContent()).toBe('0532-8688 1234');
  });

  test('TEAM-1 the calendar opens at working hours, or at an earlier entry of the week', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'xiaozhang', testPassword);
    await page.goto('/team/calendar');
    await page.locator('.fc-timegrid-slot-label[data-time="08:00:00"]').waitFor();
    await page.locator('.fc-event', { hasText: '拜访青岛港湾' }).waitFor();
    await expect.poll(async () => Math.abs((await rowOffset(page, '08:00:00')) ?? 999)).toBeLessThan(3);
    expect(await rowOffset(page, '00:00:00')).toBeLessThan(0);
    await screenshot(page, 'nav-calendar-week');
    const day = `${early.getFullYear()}-${String(early.getMonth() + 1).padStart(2, '0')}-${String(early.getDate()).padStart(2, '0')}`;
    await page.goto(`/team/calendar?date=${day}`);
    await page.locator('.fc-event', { hasText: '早班出发' }).waitFor();
    await expect.poll(async () => Math.abs((await rowOffset(page, '06:00:00')) ?? 999)).toBeLessThan(3);
  });

  test('SEC-2 OPS-5 the administrator’s 系统设置 holds users, roles and configuration; starter roles in Chinese, English on request', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'admin', testPassword);
    await expect
      .poll(() => groups(page))
      .toEqual(['工作台', '客户管理', '销售管理', '团队协作', '统计报表', '系统设置']);
    expect((await entries(page, 'workbench'))[0]).toBe('首页');
    const settings = await entries(page, 'settings');
    for (const e of [
      '用户',
      '部门',
      '角色权限',
      '对象与字段',
      '审批流程',
      '公海规则',
      '销售流程',
      '销售阶段',
      '导出申请',
      '操作日志',
    ])
      expect(settings, e).toContain(e);
    expect(settings.indexOf('用户')).toBeLessThan(settings.indexOf('公海规则'));
    for (const g of ['customers', 'sales']) {
      const business = await entries(page, g);
      for (const e of ['公海规则', '销售流程', '销售阶段', '导出申请']) expect(business, e).not.toContain(e);
    }
    await screenshot(page, 'nav-admin');
    await page.getByTestId('side-menu').getByRole('link', { name: '角色权限', exact: true }).click();
    const descriptions = page.getByTestId('role-description');
    await expect.poll(() => descriptions.allTextContents()).toContain('销售员：仅限本人的记录');
    expect((await descriptions.allTextContents()).join()).not.toMatch(/[A-Za-z]{4}/);
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => descriptions.allTextContents()).toContain('Salesperson: own records only');
    await expect.poll(() => groups(page)).toContain('Settings');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await expect.poll(() => groups(page)).toContain('系统设置');
  });

  test('MOB-1 on a 390 px phone the menu drawer shows the groups, and phones read as written', async () => {
    const page = await openPage(browser, k.baseUrl, phone);
    await signIn(page, 'xiaozhang', testPassword);
    await page.getByTestId('menu-button').click();
    await page.locator('.ant-drawer').getByTestId('nav-group-customers').waitFor();
    expect(await groups(page)).toEqual(['工作台', '客户管理', '销售管理', '团队协作', '统计报表']);
    await screenshot(page, 'nav-phone-drawer');
    await page.locator('.ant-drawer').getByRole('link', { name: '客户', exact: true }).click();
    await page.getByTestId('record-cards').waitFor();
    await expect.poll(() => page.getByTestId('record-cards').textContent()).toContain('0532-8688 1234');
    await screenshot(page, 'nav-phone-customers');
  });
});
