import type { Grants } from '@kehu/common';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { type TestKehu, testPassword } from '../server/test/harness.ts';
import { choose, formItem, journeyHooks, openPage, screenshot, settled, signIn } from './support.ts';

// 客户归属（CUS-7、CUS-8）：公海领取、撞单提示与转移申请、离职交接，在 Debian 的 Chromium 中以中文界面操作。
let k: TestKehu;
let browser: Browser;
const people: Record<string, number> = {};

const sales: Grants = {
  '*': { create: 'own', read: 'own', update: 'own', delete: 'own', assign: 'none' },
  user: { read: 'all' },
  department: { read: 'all' },
};
const manager: Grants = {
  '*': { create: 'subordinates', read: 'subordinates', update: 'subordinates', assign: 'subordinates' },
  user: { read: 'all' },
  department: { read: 'all' },
};

/** A user with a Chinese name (the harness names users after their login). */
async function person(username: string, name: string, spec: Parameters<TestKehu['user']>[0]) {
  const u = await k.user({ ...spec, username });
  expect((await k.admin.patch(`/api/objects/user/${u.id}`, { name })).status).toBe(200);
  people[username] = u.id;
  return u;
}

async function customer(api: TestKehu['admin'], name: string, extra: Record<string, unknown> = {}) {
  const r = await api.post('/api/objects/customer', { name, type: 'direct', ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id as number;
}

journeyHooks({
  ready: async (kehu, chromium) => {
    k = kehu;
    browser = chromium;
    const dept = await k.admin.post('/api/objects/department', { name: '华东大区' });
    const east = dept.body.data.id;
    const rule = await k.admin.post('/api/objects/customerPoolRule', {
      name: '华东公海',
      department: east,
      maxHeld: 50,
      maxClaimsPerDay: 5,
      active: true,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const boss = await person('boss', '赵经理', { username: 'boss', department: east, grants: manager });
    await person('li', '李明', { username: 'li', department: east, manager: boss.id, grants: sales });
    await person('wang', '王芳', { username: 'wang', department: east, manager: boss.id, grants: sales });
    await person('chen', '陈离', { username: 'chen', department: east, manager: boss.id, grants: sales });
    for (const name of ['青岛远航冷链物流有限公司', '烟台海丰环卫工程有限公司']) {
      const id = await customer(k.admin, name);
      expect((await k.admin.post(`/api/customers/${id}/release`, { pool: rule.body.data.id })).status).toBe(200);
    }
  },
});

const row = (page: Page, name: string) => page.locator('.ant-table-row', { hasText: name });

describe('客户归属与公海', () => {
  test('CUS-7 销售员打开公海，领取一个客户，客户从公海消失并归自己负责', async () => {
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'li', testPassword);
    await page.getByTestId('side-menu').getByRole('link', { name: '公海', exact: true }).click();
    await page.getByTestId('pool-page').waitFor();
    await row(page, '青岛远航冷链物流有限公司').waitFor();
    await expect.poll(() => page.getByTestId('pool-quota').textContent()).toContain('已持有 0 个客户');
    await screenshot(page, 'customer-pool');
    await row(page, '青岛远航冷链物流有限公司')
      .getByRole('button', { name: /领\s*取/ })
      .click();
    await page.locator('.ant-message', { hasText: '已领取“青岛远航冷链物流有限公司”' }).waitFor();
    await expect.poll(() => row(page, '青岛远航冷链物流有限公司').count()).toBe(0);
    await expect.poll(() => page.getByTestId('pool-quota').textContent()).toContain('今日已领取 1 个');
    // 在客户列表中打开它：负责人是自己，可以退回公海。
    await page.goto('/o/customer');
    await row(page, '青岛远航冷链物流有限公司').getByRole('link').first().click();
    await page.getByTestId('release-customer').waitFor();
    const detail = await k.admin.list('customer', {
      filter: { field: 'name', op: 'eq', value: '青岛远航冷链物流有限公司' },
    });
    expect(detail.body.data[0]).toMatchObject({ inPool: false, owner: { id: people.li } });
  });

  test('CUS-8 录入同事已负责的客户时提示负责人和起始日期；申请转移后经理批准，客户归申请人', async () => {
    await customer(await k.as('li'), '济南开乐专用车有限公司');
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'wang', testPassword);
    await page.goto('/o/customer/new');
    await page.getByTestId('record-form').waitFor();
    await page.getByLabel('客户名称').fill('济南开乐专用车 有限公司');
    const conflict = page.getByTestId('ownership-conflict');
    await conflict.waitFor();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(await conflict.textContent()).toContain(`该客户已由 李明 负责（自 ${today} 起）`);
    await screenshot(page, 'customer-ownership-conflict');
    // 强行保存也会被拒绝，并说明负责人。
    await page.getByTestId('form-save').click();
    await expect.poll(() => page.getByTestId('form-error').textContent()).toContain('该客户已由李明负责');
    await conflict.getByTestId('request-transfer').click();
    await page.getByTestId('transfer-request-reason').fill('客户主动来电，要采购 3 台洒水车');
    await page.getByTestId('transfer-request-submit').click();
    await page.locator('.ant-message', { hasText: '转移申请已提交' }).waitFor();

    const mgr = await openPage(browser, k.baseUrl);
    await signIn(mgr, 'boss', testPassword);
    await mgr.getByTestId('side-menu').getByRole('link', { name: '转移审批', exact: true }).click();
    const card = mgr.getByTestId('transfer-request').filter({ hasText: '济南开乐专用车有限公司' });
    await card.waitFor();
    expect(await card.textContent()).toContain('王芳 申请接手');
    await settled(card);
    await screenshot(mgr, 'customer-transfer-request');
    await card.getByTestId('approve').click();
    await mgr.locator('.ant-message', { hasText: '已批准' }).waitFor();
    const now = await k.admin.list('customer', {
      filter: { field: 'name', op: 'eq', value: '济南开乐专用车有限公司' },
    });
    expect(now.body.data[0].owner).toMatchObject({ id: people.wang });
  });

  test('CUS-7 离职交接：经理把离职员工的全部客户连同联系人一次转给同事', async () => {
    const chen = await k.as('chen');
    for (const name of ['临沂长风物流有限公司', '日照港通物流有限公司', '枣庄新程运输有限公司']) {
      const id = await customer(chen, name);
      expect(
        (await chen.post('/api/objects/contact', { name: `${name.slice(2, 4)}联系人`, customer: id })).status,
      ).toBe(201);
    }
    const page = await openPage(browser, k.baseUrl);
    await signIn(page, 'boss', testPassword);
    await page.getByTestId('side-menu').getByRole('link', { name: '离职交接', exact: true }).click();
    await page.getByTestId('handover-page').waitFor();
    await choose(page, formItem(page, '交出人').locator('.ant-select'), '陈离');
    await expect.poll(() => page.getByTestId('handover-count').textContent()).toBe('陈离 目前负责 3 个客户');
    await choose(page, formItem(page, '新负责人').locator('.ant-select'), '王芳');
    await page.getByTestId('handover-submit').click();
    await page.getByTestId('handover-confirm').click();
    await expect
      .poll(() => page.getByTestId('handover-result').textContent())
      .toBe('已转移 3 个客户，随同转移：联系人 3 条');
    await screenshot(page, 'customer-handover');
    const left = await k.admin.list('customer', {
      filter: { field: 'owner', op: 'eq', value: people.chen },
      count: true,
    });
    expect(left.body.total).toBe(0);
    const contacts = await k.admin.list('contact', { filter: { field: 'owner', op: 'eq', value: people.wang } });
    expect(contacts.body.data).toHaveLength(3);
  });
});
