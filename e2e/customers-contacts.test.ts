import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type SmtpPeer, startSmtpPeer } from '../server/src/engine/mail/test-smtp-peer.ts';
import { startKehu, type TestKehu, testPassword } from '../server/test/harness.ts';
import { journeyHooks, openPage, phone, screenshot, signIn } from './support.ts';

// CUS-10 in Chinese, in Chromium: the org chart tab, birthdays this month, group email to selected contacts.
let k: TestKehu;
let browser: Browser;
let smtp: SmtpPeer;
let customer: number;
const ids: Record<string, number> = {};
const today = new Date().toISOString().slice(0, 10);

async function contact(key: string, fields: Record<string, unknown>) {
  const r = await k.admin.post('/api/objects/contact', { customer, ...fields });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  ids[key] = r.body.data.id;
}

/** A detail tab by name; on a phone it may sit in the tab bar's overflow menu. */
async function openTab(page: Page, name: string) {
  const tab = page.getByRole('tab', { name });
  await page.getByTestId('record-title').waitFor();
  if (await tab.isVisible()) return tab.click();
  await page.locator('.ant-tabs-nav-more').first().click();
  await page.locator('.ant-tabs-dropdown:visible li', { hasText: name }).click();
}

journeyHooks({
  start: async () => {
    smtp = await startSmtpPeer();
    return startKehu({ env: { KEHU_SMTP_URL: smtp.url, KEHU_MAIL_FROM: 'care@kehu.example' } });
  },
  failedAs: () => 'failed-contacts',
  stop: async () => smtp?.close(),
  ready: async (kehu, chromium) => {
    k = kehu;
    browser = chromium;
    customer = (await k.admin.post('/api/objects/customer', { name: '徐州重型环卫设备有限公司', type: 'direct' })).body
      .data.id;
    await contact('ceo', {
      name: '周总',
      title: '总经理',
      decisionRole: 'decisionMaker',
      email: 'zhou@xzhw.example',
      birthday: `1972${today.slice(4)}`,
    });
    await contact('buyer', {
      name: '吴经理',
      title: '采购经理',
      department: '采购部',
      decisionRole: 'purchaser',
      reportsTo: ids.ceo,
      email: 'wu@xzhw.example',
    });
    await contact('clerk', { name: '郑采购', title: '采购员', decisionRole: 'user', reportsTo: ids.buyer });
  },
});

describe('CUS-10 contacts in the web client', () => {
  test("CUS-10 组织架构: the customer's contacts as a tree, each linking to the contact", async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'admin', testPassword);
    await page.goto(`/o/customer/${customer}`);
    await openTab(page, '组织架构');
    const nodes = page.getByTestId('org-node');
    await expect.poll(() => nodes.count()).toBe(3);
    await expect.poll(() => nodes.first().innerText()).toContain('周总');
    await expect.poll(() => nodes.first().innerText()).toContain('决策者');
    await screenshot(page, 'contacts-org-chart');
    await nodes.filter({ hasText: '吴经理' }).getByRole('link', { name: '吴经理' }).click();
    await page.waitForURL(`**/o/contact/${ids.buyer}`);
    await page.context().close();
  });

  test('CUS-10 the org chart reads well on a 390 px phone', async () => {
    const page = await openPage(browser, k.baseUrl, phone);
    await signIn(page, 'admin', testPassword);
    await page.goto(`/o/customer/${customer}`);
    await openTab(page, '组织架构');
    await page.getByTestId('org-node').filter({ hasText: '郑采购' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'contacts-org-chart-phone');
    await page.context().close();
  });

  test('CUS-10 本月生日 in the menu, and the next birthdays on the home page', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'admin', testPassword);
    await expect.poll(() => page.getByTestId('birthdays-widget').innerText()).toContain('周总');
    await screenshot(page, 'contacts-birthdays-home');
    await page.getByTestId('side-menu').getByText('本月生日').click();
    await page.waitForURL('**/contacts/birthdays');
    const item = page.getByTestId('birthdays-page').getByTestId('birthday-item').filter({ hasText: '周总' });
    await expect.poll(() => item.innerText()).toContain(`${Number(today.slice(0, 4)) - 1972} 岁`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'contacts-birthdays');
    await page.context().close();
  });

  test('CUS-10 群发邮件 to the selected contacts, with a result per recipient', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'admin', testPassword);
    await page.goto('/o/contact');
    for (const name of ['周总', '吴经理', '郑采购'])
      await page.locator('.ant-table-row', { hasText: name }).locator('.ant-checkbox-input').check();
    await page.getByTestId('group-email').click();
    await page.getByTestId('group-email-subject').fill('新春问候');
    await page.locator('.rich-text-area').click();
    await page.keyboard.type('感谢一年来的支持，祝新春快乐！');
    await page.getByTestId('group-email-send').click();
    const summary = page.getByTestId('group-email-summary');
    await expect.poll(() => summary.innerText()).toContain('已发送 2，无邮箱 1');
    await screenshot(page, 'contacts-group-email');
    expect(smtp.received.map((m) => m.rcptTo).sort()).toEqual([['wu@xzhw.example'], ['zhou@xzhw.example']]);
    expect(smtp.received[0].text).toContain('祝新春快乐');
    await page.context().close();
  });
});
