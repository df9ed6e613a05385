import type { Grants } from '@kehu/common';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { ApiClient } from '../server/test/api-client.ts';
import { type TestKehu, testPassword } from '../server/test/harness.ts';
import { choose, journeyHooks, openPage, phone, screenshot, signIn } from './support.ts';

// The salesperson's day in Chinese, in Chromium (TEAM-1, TEAM-2, TEAM-4, NOTIF-1): a visit logged on a phone, seen
// on the calendar and in the daily report; the manager reads and comments; a notification arrives live.
let k: TestKehu;
let browser: Browser;
let li: { id: number; api: ApiClient };
let customer: number;

const salesGrants: Grants = {
  '*': { create: 'own', read: 'own', update: 'own', delete: 'own' },
  user: { read: 'all' },
  department: { read: 'all' },
};
const managerGrants: Grants = {
  '*': { create: 'subordinates', read: 'departmentTree', update: 'subordinates', delete: 'subordinates' },
  user: { read: 'all' },
  department: { read: 'all' },
};

async function create(api: ApiClient, object: string, body: Record<string, unknown>): Promise<number> {
  const r = await api.post(`/api/objects/${object}`, body);
  if (r.status !== 201) throw new Error(`${object}: ${JSON.stringify(r.body)}`);
  return r.body.data.id;
}

/** A detail tab by name; on a phone it may sit in the tab bar's overflow menu. */
async function openTab(page: Page, name: string) {
  const tab = page.getByRole('tab', { name });
  await page.getByTestId('record-title').waitFor();
  // Tabs past the bar's edge are still "visible" to Playwright; they are reached through the overflow menu.
  const wrap = await page.locator('.ant-tabs-nav-wrap').first().boundingBox();
  const box = await tab.boundingBox();
  if (box && wrap && box.x + box.width <= wrap.x + wrap.width) await tab.click();
  else {
    await page.locator('.ant-tabs-nav-more').first().click();
    await page.locator('.ant-tabs-dropdown:visible li', { hasText: name }).click();
  }
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
}

/** The sidebar entry (a drawer behind the menu button on a phone). */
async function menu(page: Page, name: string) {
  const button = page.getByTestId('menu-button');
  if (await button.isVisible()) await button.click();
  await page.getByTestId('side-menu').getByText(name, { exact: true }).click();
}

const badge = (page: Page) =>
  page
    .getByTestId('notification-count')
    .locator('.ant-badge-count')
    .evaluateAll((els) => Number(els[0]?.getAttribute('title') ?? 0));

journeyHooks({
  failedAs: (test) => `failed-team-${test.split(' ')[0]}`,
  ready: async (kehu, chromium) => {
    k = kehu;
    browser = chromium;
    const dept = await create(k.admin, 'department', { name: '济南办事处', code: 'JN' });
    const manager = await k.user({ username: 'zhaojingli', grants: managerGrants, department: dept });
    li = await k.user({ username: 'xiaoli', grants: salesGrants, department: dept, manager: manager.id });
    await k.user({ username: 'xiaowang', grants: salesGrants, department: dept, manager: manager.id });
    customer = await create(li.api, 'customer', { name: '华宇物流', type: 'direct' });
    await create(li.api, 'contact', { name: '张经理', customer, mobile: '13912345678' });
  },
});

describe('team work in the web client', () => {
  test('TEAM-2 TEAM-1 TEAM-4 MOB-1 on a phone: log a visit from the customer page, see it on the calendar and in the daily report', async () => {
    const page = await openPage(browser, k.baseUrl, phone);
    await signIn(page, 'xiaoli', testPassword);
    await page.goto(`/o/customer/${customer}`);
    await page.getByTestId('log-activity').click();
    const form = page.getByTestId('activity-form');
    await form.waitFor();
    await page.getByTestId('activity-subject').fill('拜访华宇物流');
    await choose(page, page.getByTestId('activity-contact'), '张经理');
    await page.getByTestId('activity-content').fill('介绍新款电动叉车，客户下月安排试用');
    await screenshot(page, 'team-log-visit-phone');
    await page.getByTestId('activity-save').click();
    await form.waitFor({ state: 'detached' });

    // Saved with its customer and contact; the customer's last contact is now.
    const saved = (await li.api.get(`/api/customers/${customer}/timeline`)).body.data;
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ type: 'visit', subject: '拜访华宇物流', contact: { label: '张经理' } });
    expect((await li.api.get(`/api/objects/customer/${customer}`)).body.data.lastContactAt).toBeTruthy();

    // The customer's activities tab lists it, with its contact.
    await openTab(page, '活动记录');
    const item = page.getByTestId('activity-item').first();
    await expect.poll(() => item.innerText()).toContain('拜访华宇物流');
    expect(await item.innerText()).toContain('张经理');
    await screenshot(page, 'team-customer-activities-phone');

    // The calendar (a list on a phone) shows the visit; a click leads to the customer.
    await menu(page, '日程安排');
    await page.getByTestId('calendar').waitFor();
    const entry = page.locator('.fc-list-event', { hasText: '拜访华宇物流' });
    await entry.waitFor();
    await screenshot(page, 'team-calendar-phone');
    await entry.locator('.fc-list-event-title').click();
    await page.getByTestId('entry-dialog').waitFor();
    await page.getByTestId('entry-link-customer').click();
    await page.waitForURL(`**/o/customer/${customer}`);

    // The daily report comes filled with the visit; submitting it keeps it.
    await menu(page, '工作报告');
    const done = page.getByTestId('report-done');
    await expect.poll(() => done.inputValue()).toContain('拜访华宇物流');
    expect(await done.inputValue()).toContain('华宇物流');
    await page.getByTestId('report-problems').fill('试用车辆需要协调');
    await screenshot(page, 'team-report-phone');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-view').waitFor();
    const reports = await li.api.list('workReport', {});
    expect(reports.body.data).toHaveLength(1);
    expect(reports.body.data[0]).toMatchObject({ kind: 'daily', status: 'submitted', problems: '试用车辆需要协调' });
    await page.context().close();
  });

  test('TEAM-1 on a desktop: a week with a recurring series; drag to reschedule an event and one occurrence; select a slot to create one', async () => {
    // A Wednesday at least a week ahead, in this machine's time zone (the browser's too); whole hours.
    const d = new Date();
    d.setDate(d.getDate() + 7 + ((3 - d.getDay() + 7) % 7));
    const dayOf = (plus: number) => {
      const x = new Date(d.getFullYear(), d.getMonth(), d.getDate() + plus);
      return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
    };
    const at = (plus: number, h: number) =>
      new Date(d.getFullYear(), d.getMonth(), d.getDate() + plus, h).toISOString();
    const demo = await create(li.api, 'event', { title: '产品演示', start: at(0, 10), end: at(0, 11), customer });
    const series = await create(li.api, 'event', {
      title: '晨会',
      start: at(0, 8),
      end: at(0, 9),
      rrule: 'FREQ=DAILY;COUNT=3',
    });
    // Tall enough for the whole day: the pointer stays inside the window while it drags.
    const page = await openPage(browser, k.baseUrl, { width: 1366, height: 1500 });
    await signIn(page, 'xiaoli', testPassword);
    await page.goto(`/team/calendar?date=${dayOf(0)}`);
    const event = page.locator('.fc-timegrid-event', { hasText: '产品演示' });
    await event.waitFor();
    await expect.poll(() => page.locator('.fc-timegrid-event', { hasText: '晨会' }).count()).toBe(3);
    await screenshot(page, 'team-calendar-week');

    const slot = async (time: string) =>
      (await page.locator(`.fc-timegrid-slot-lane[data-time="${time}"]`).boundingBox())!;
    const drag = async (x: number, fromY: number, toY: number) => {
      await page.mouse.move(x, fromY);
      await page.mouse.down();
      await page.mouse.move(x, fromY + 10, { steps: 3 });
      await page.mouse.move(x, toY, { steps: 10 });
      await page.mouse.up();
    };
    // 10:00 → 14:00: saved at the event's version.
    let box = (await event.boundingBox())!;
    await drag(box.x + box.width / 2, box.y + 4, box.y + 4 + (await slot('14:00:00')).y - (await slot('10:00:00')).y);
    await expect.poll(async () => (await li.api.get(`/api/objects/event/${demo}`)).body.data.start).toBe(at(0, 14));

    // Thursday's occurrence of the series, one hour later: it leaves the series as an event of its own.
    const thursday = page.locator(`.fc-timegrid-col[data-date="${dayOf(1)}"] .fc-timegrid-event`, { hasText: '晨会' });
    box = (await thursday.boundingBox())!;
    await drag(box.x + box.width / 2, box.y + 4, box.y + 4 + (await slot('09:00:00')).y - (await slot('08:00:00')).y);
    await expect
      .poll(
        async () => (await li.api.list('event', { filter: { field: 'series', op: 'eq', value: series } })).body.data,
      )
      .toMatchObject([{ title: '晨会', start: at(1, 9), originalStart: at(1, 8) }]);
    expect((await li.api.get(`/api/objects/event/${series}`)).body.data.exdates).toEqual([at(1, 8)]);

    // Select Wednesday 16:00–17:00 and name it.
    const column = (await page.locator(`.fc-timegrid-col[data-date="${dayOf(0)}"]`).boundingBox())!;
    const four = await slot('16:00:00');
    await drag(column.x + column.width / 2, four.y + 4, (await slot('16:30:00')).y + 4);
    await page.getByTestId('event-title').fill('回访华宇物流');
    await page.getByTestId('event-save').click();
    await page.locator('.fc-timegrid-event', { hasText: '回访华宇物流' }).waitFor();
    const made = await li.api.list('event', { filter: { field: 'title', op: 'eq', value: '回访华宇物流' } });
    expect(made.body.data).toMatchObject([{ start: at(0, 16), end: at(0, 17), allDay: false }]);
    await page.context().close();
  });

  test('TEAM-4 the manager reads the department’s reports, comments, and sees who has not submitted', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'zhaojingli', testPassword);
    await menu(page, '工作报告');
    await page.getByRole('tab', { name: '部门报告' }).click();
    const report = page.getByTestId('department-report').filter({ hasText: 'xiaoli' });
    await expect.poll(() => report.innerText()).toContain('拜访华宇物流');
    await expect.poll(() => page.getByTestId('missing-reports').innerText()).toContain('xiaowang');
    expect(await page.getByTestId('missing-reports').innerText()).not.toContain('xiaoli');
    await report.getByTestId('comment-input').fill('跟进及时，试用安排好后告诉我');
    await report.getByTestId('comment-send').click();
    await expect.poll(() => report.getByTestId('report-comments').innerText()).toContain('跟进及时');
    await screenshot(page, 'team-department-reports');
    // The author reads the comment on her report.
    const comments = await li.api.list('workReportComment', {});
    expect(comments.body.data.map((c: { content: string }) => c.content)).toEqual(['跟进及时，试用安排好后告诉我']);
    await page.context().close();
  });

  test('NOTIF-1 a notification reaches the open page live: the bell’s count changes without reloading, a click opens the record, all can be marked read', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'xiaoli', testPassword);
    await page.getByTestId('notification-bell').waitFor();
    expect(await badge(page)).toBe(0);
    // The administrator sets up an alert for her and runs it: the server notifies her.
    const rule = await create(k.admin, 'alertRule', {
      name: '华宇跟进预警',
      object: 'customer',
      filter: { field: 'name', op: 'contains', value: '华宇' },
      schedule: 'daily',
      owner: li.id,
    });
    const run = await k.admin.post(`/api/alert-rules/${rule}/run`, {});
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    await expect.poll(() => badge(page)).toBe(1);
    await page.locator('.ant-notification-notice', { hasText: '预警：华宇跟进预警' }).waitFor();
    await screenshot(page, 'team-notification-live');

    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-item').filter({ hasText: '预警：华宇跟进预警' });
    await item.waitFor();
    await item.click();
    await page.waitForURL(`**/o/alertRule/${rule}`);
    await expect.poll(() => badge(page)).toBe(0);

    // Two more arrive; "mark all read" clears the count.
    for (let i = 0; i < 2; i++) expect((await k.admin.post(`/api/alert-rules/${rule}/run`, {})).status).toBe(200);
    await expect.poll(() => badge(page)).toBe(2);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-read-all').click();
    await expect.poll(() => badge(page)).toBe(0);
    expect((await li.api.get('/api/notifications/unread-count')).body.data.count).toBe(0);
    await page.context().close();
  });
});
