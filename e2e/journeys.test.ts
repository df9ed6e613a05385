import type { Grants } from '@kehu/common';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type TestKehu, testPassword } from '../server/test/harness.ts';
import { choose, formItem, journeyHooks, openPage, phone, screenshot, settled, signIn } from './support.ts';

// End-to-end journeys in Chinese, in Debian's Chromium, against a whole Kehu on a fresh database.
let k: TestKehu;
let browser: Browser;
const own = { create: 'own', read: 'own', update: 'own', delete: 'own', export: 'own' } as const;
const grants: Grants = {
  visit: own,
  user: { read: 'all' },
  department: { read: 'all' },
  savedView: { read: 'all', create: 'own', update: 'own', delete: 'own' },
  objectLayout: { read: 'all' },
};

journeyHooks({
  ready: (kehu, chromium) => {
    k = kehu;
    browser = chromium;
  },
});

const records = (page: Page) => page.getByTestId('record-link');

async function createObjectAsAdmin(page: Page) {
  await signIn(page, 'admin', testPassword);
  await screenshot(page, 'home');
  await page.getByTestId('side-menu').getByText('对象与字段').click();
  await page.getByTestId('new-object').click();
  await page.getByTestId('object-label-zh').fill('拜访记录');
  await page.getByLabel('英文名称').fill('Visit');
  await page.getByTestId('object-name').fill('visit');
  await page.getByTestId('object-dialog-ok').click();
  await page.waitForURL('**/admin/objects/visit');
  const addField = async (zh: string, name: string, type: string, options?: string) => {
    await page.getByTestId('add-field').click();
    await page.getByTestId('field-label-zh').fill(zh);
    await page.getByTestId('field-name').fill(name);
    await choose(page, formItem(page, '字段类型').locator('.ant-select'), type);
    if (options) await page.getByTestId('field-options').fill(options);
    await page.getByTestId('field-dialog-ok').click();
    await page.locator('.ant-table-row', { hasText: zh }).waitFor();
  };
  await addField('阶段', 'stage', '单选', 'a=初访/First visit\nb=复访/Follow-up');
  await addField('金额', 'amount', '金额');
  await screenshot(page, 'admin-object-fields');
}

describe('web client journeys', () => {
  test('OPS-1 the API port serves the built client: deep links, compressed cached assets, JSON 404s for /api', async () => {
    const html = await fetch(`${k.baseUrl}/o/visit/123`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const body = await html.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(body)![1];
    const asset = await fetch(k.baseUrl + script, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const api = await fetch(`${k.baseUrl}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('NOT_FOUND');
    expect((await fetch(`${k.baseUrl}/assets/missing.js`)).status).toBe(404);
  });

  test('WF-1 SEC-10 RPT-2 an administrator adds an object and fields; a user creates, filters, groups, edits, restores and deletes a record', async () => {
    const admin = await openPage(browser, k.baseUrl);
    await createObjectAsAdmin(admin);
    const wang = await k.user({ username: 'wangli', grants });

    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'wangli', testPassword);
    await page.getByTestId('side-menu').getByText('拜访记录').click();
    await page.getByTestId('record-table').waitFor();

    // Create through the form; a double click on save must not create two records.
    await page.getByTestId('new-record').click();
    await page.getByTestId('record-form').waitFor();
    await page.getByLabel('名称').fill('拜访华为');
    await choose(page, formItem(page, '阶段').locator('.ant-select'), '初访');
    await page.getByLabel('金额').fill('12345.6');
    await screenshot(page, 'form-new');
    await page.getByTestId('form-save').dblclick();
    await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('拜访华为');
    const same = await wang.api.list('visit', {
      filter: { field: 'name', op: 'eq', value: '拜访华为' },
      count: 'true',
    });
    expect(same.body.total).toBe(1);
    for (const body of [
      { name: '拜访中兴', stage: 'b', amount: '2000' },
      { name: '拜访小米', stage: 'a', amount: '500' },
    ]) {
      const r = await wang.api.post('/api/objects/visit', body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }

    // Filter: 阶段 = 复访, and the owner's name (a related record's field) contains "wang".
    await page.goto('/o/visit');
    await expect.poll(() => records(page).count()).toBe(3);
    // SEC-14: the list carries the viewer's name and time as a watermark.
    expect(await page.locator('.viewer-watermark').count()).toBe(1);
    await screenshot(page, 'list');
    await page.getByTestId('filter-button').click();
    await page.getByTestId('filter-add-condition').click();
    await choose(page, page.getByTestId('filter-field').last(), '阶段');
    await choose(page, page.getByTestId('filter-condition').last().locator('.ant-select').last(), '复访');
    await page.getByTestId('filter-add-condition').click();
    await page.getByTestId('filter-field').last().click();
    const menus = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu');
    await menus.first().locator('.ant-cascader-menu-item', { hasText: '负责人' }).click();
    await menus.nth(1).locator('.ant-cascader-menu-item', { hasText: '姓名' }).click();
    await choose(page, page.getByTestId('filter-op').last(), '包含');
    await page.getByTestId('filter-condition').last().locator('input').last().fill('wang');
    await screenshot(page, 'filter-builder');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => records(page).allTextContents()).toEqual(['拜访中兴']);
    // Save it as a named view, clear the filter, and bring it back from the view list.
    await page.getByRole('button', { name: '保存为视图' }).click();
    await page.getByLabel('视图名称').fill('复访');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('filter-button').click();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => records(page).count()).toBe(3);
    await choose(page, page.getByTestId('saved-views'), '复访');
    await expect.poll(() => records(page).allTextContents()).toEqual(['拜访中兴']);
    await page.getByTestId('filter-button').click();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => records(page).count()).toBe(3);

    // Group by 阶段 with counts and money subtotals (RPT-2).
    await choose(page, page.getByTestId('group-by'), '阶段');
    const groups = page.getByTestId('group-table');
    await expect.poll(() => groups.locator('.ant-table-row').count()).toBe(2);
    await expect.poll(() => groups.locator('.group-total').textContent()).toContain('¥1.48万');
    await page.getByTestId('chart').locator('canvas').waitFor();
    await screenshot(page, 'list-grouped');
    await page.evaluate(() => sessionStorage.clear());

    // Edit while someone else saves: the 409 dialog offers reload or overwrite.
    await page.goto('/o/visit');
    await records(page).filter({ hasText: '拜访华为' }).click();
    await page.waitForURL(/\/o\/visit\/\d+$/);
    const id = Number(page.url().split('/').pop());
    await page.getByTestId('edit-record').click();
    await page.getByTestId('record-form').waitFor();
    await page.getByLabel('名称').fill('拜访华为（已修改）');
    const theirs = await wang.api.patch(`/api/objects/visit/${id}`, { amount: '13000' });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    await page.getByTestId('form-save').click();
    await settled(page.getByRole('dialog'));
    await screenshot(page, 'conflict');
    await page.getByTestId('conflict-overwrite').click();
    await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('拜访华为（已修改）');

    // History: restore version 1 (SEC-10).
    await page.getByRole('tab', { name: '历史版本' }).click();
    await page.getByTestId('restore-1').click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('拜访华为');
    await screenshot(page, 'detail-history');

    // Delete, then find it in the recycle bin.
    await page.getByTestId('delete-record').click();
    await page.getByTestId('confirm-delete').click();
    await page.waitForURL('**/o/visit');
    await expect.poll(() => records(page).count()).toBe(2);
    await page.goto('/o/visit/recycle-bin');
    await page.locator('.ant-table-row', { hasText: '拜访华为' }).waitFor();
    await screenshot(page, 'recycle-bin');
  });

  test('SEC-2 a user with scope "own" sees a colleague\'s record neither in the list nor by URL', async () => {
    const zhao = await k.user({ username: 'zhaoqiang', grants });
    const theirs = await zhao.api.post('/api/objects/visit', { name: '赵的拜访', stage: 'a' });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(201);
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'wangli', testPassword);
    await page.goto('/o/visit');
    await expect.poll(() => records(page).count()).toBe(2);
    expect(await records(page).allTextContents()).not.toContain('赵的拜访');
    await page.goto(`/o/visit/${theirs.body.data.id}`);
    await page.getByTestId('record-not-found').waitFor();
    expect(await page.getByTestId('record-not-found').textContent()).toContain('记录不存在');

    // Global search while typing, grouped by object, with the same rights (CUS-3).
    await page.getByTestId('global-search').fill('拜访');
    await expect.poll(() => page.getByTestId('search-hit').count()).toBeGreaterThan(0);
    const hits = await page.getByTestId('search-hit').allTextContents();
    expect(hits.join()).toContain('拜访中兴');
    expect(hits.join()).not.toContain('赵的拜访');
    await screenshot(page, 'global-search');
  });

  test('MOB-1 the same journey on a 390 px phone: drawer menu, cards, stacked form, history, delete', async () => {
    const page = await openPage(browser, k.baseUrl, phone);
    await signIn(page, 'wangli', testPassword);
    await page.getByTestId('menu-button').click();
    await page.locator('.ant-drawer').getByText('拜访记录').click();
    await page.getByTestId('record-cards').waitFor();
    await screenshot(page, 'mobile-list');
    // Installable (MOB-2): a manifest with icons, linked from the page.
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel="manifest"]')?.getAttribute('href');
      return href ? (await fetch(href)).json() : null;
    });
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    await page.getByTestId('new-record').click();
    await page.getByTestId('record-form').waitFor();
    await page.getByLabel('名称').fill('手机上的拜访');
    await choose(page, formItem(page, '阶段').locator('.ant-select'), '复访');
    await screenshot(page, 'mobile-form');
    await page.getByTestId('form-save').click();
    await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('手机上的拜访');
    await page.getByTestId('edit-record').click();
    await page.getByTestId('record-form').waitFor();
    await page.getByLabel('名称').fill('手机上的拜访（改）');
    await page.getByTestId('form-save').click();
    await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('手机上的拜访（改）');
    await page.getByRole('tab', { name: '历史版本' }).click();
    await page.getByTestId('restore-1').click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('手机上的拜访');
    await screenshot(page, 'mobile-detail');
    await page.getByTestId('delete-record').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('record-cards').waitFor();
    expect(await records(page).allTextContents()).not.toContain('手机上的拜访');
  });

  test('OPS-5 the language switch turns the screens to English and back; server errors show next to the field', async () => {
    const page = await openPage(browser, k.baseUrl);
    await page.goto('/login');
    await page.getByTestId('login-lang-en-US').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('side-menu').getByText('Settings').waitFor();
    await screenshot(page, 'english-home');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByTestId('side-menu').getByText('系统设置').waitFor();

    // A duplicate user name is only known to the server: its error appears under the field, in Chinese.
    await page.goto('/o/user/new');
    await page.getByTestId('record-form').waitFor();
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('姓名').fill('重复的管理员');
    await page.getByTestId('form-save').click();
    await expect.poll(() => formItem(page, '用户名').textContent()).toContain('该值已存在');
    expect(await page.getByLabel('姓名').inputValue()).toBe('重复的管理员');
    await screenshot(page, 'form-server-error');
  });
});
