import type { Grants } from '@kehu/common';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { ApiClient } from '../server/test/api-client.ts';
import { type TestKehu, testPassword } from '../server/test/harness.ts';
import { choose, desktop, journeyHooks, openPage, phone, screenshot, settled, signIn } from './support.ts';

// A discount request in Chinese, in Chromium (WF-2, WF-4): the administrator draws the flow in the designer, a
// salesperson submits a 15% discount and sees its path, the manager approves on a phone, a director sends it back,
// it is resubmitted and approved by everyone; the record shows 已通过 and can be changed again.
let k: TestKehu;
let browser: Browser;
type User = { id: number; api: ApiClient };
let li: User;
let manager: User;
let dir1: User;
let dir2: User;
let request: number;

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
const zh = (s: string) => ({ 'zh-CN': s, 'en-US': s });

async function create(api: ApiClient, path: string, body: Record<string, unknown>): Promise<number> {
  const r = await api.post(path, body);
  if (r.status !== 201) throw new Error(`${path}: ${JSON.stringify(r.body)}`);
  return r.body.data.id;
}

async function person(username: string, name: string, grants: Grants, department: number, managerId?: number) {
  const u = await k.user({ username, grants, department, manager: managerId });
  const r = await k.admin.patch(`/api/objects/user/${u.id}`, { name });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return u;
}

const sessions = new Map<string, Page>();

/** A signed-in page per user and screen, kept across the journey's tests (signing in is the slow part). */
async function session(username: string, viewport = desktop): Promise<Page> {
  const key = `${username}@${viewport.width}`;
  let page = sessions.get(key);
  if (!page) {
    page = await openPage(browser, k.baseUrl, viewport);
    await signIn(page, username, testPassword);
    sessions.set(key, page);
  }
  return page;
}

/** The sidebar entry (a drawer behind the menu button on a phone). */
async function menu(page: Page, name: string) {
  const button = page.getByTestId('menu-button');
  if (await button.isVisible()) await button.click();
  await page
    .getByTestId('side-menu')
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .click();
}

/** An option of the open antd Select whose text is exactly this. */
async function pick(page: Page, select: ReturnType<Page['getByTestId']>, option: string) {
  await select.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${option}$`) })
    .first()
    .click();
}

/** The drawer of the node just added or clicked, closed when its settings are in. */
async function closeDrawer(page: Page) {
  await page.locator('.ant-drawer-open .ant-drawer-close').click();
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
}

const myTask = async (api: ApiClient) =>
  (await api.get('/api/approvals/inbox?box=todo')).body.data.items.find(
    (i: { recordId: number }) => i.recordId === request,
  );

journeyHooks({
  failedAs: (test) => `failed-approvals-${test.split(' ')[0]}`,
  ready: async (kehu, chromium) => {
    k = kehu;
    browser = chromium;
    // A custom object, as an administrator adds one (WF-1): flows bind to any object.
    const obj = await k.admin.post('/api/metadata/objects', {
      name: 'discountRequest',
      label: { 'zh-CN': '折扣申请', 'en-US': 'Discount request' },
      fields: {
        title: { type: 'text', required: true, label: zh('标题') },
        amount: { type: 'money', label: zh('订单金额') },
        discount: { type: 'decimal', scale: 1, label: zh('折扣率') },
        status: {
          type: 'picklist',
          label: zh('审批状态'),
          options: [
            { value: 'draft', label: zh('草稿') },
            { value: 'running', label: zh('审批中') },
            { value: 'approved', label: zh('已通过') },
            { value: 'rejected', label: zh('已驳回') },
          ],
        },
        owner: { type: 'owner', label: zh('负责人') },
      },
    });
    if (obj.status !== 201) throw new Error(JSON.stringify(obj.body));
    const jn = await create(k.admin, '/api/objects/department', { name: '济南办事处', code: 'WF-JN' });
    const hq = await create(k.admin, '/api/objects/department', { name: '销售总部', code: 'WF-HQ' });
    manager = await person('zhaojingli', '赵经理', managerGrants, jn);
    li = await person('xiaoli', '小李', salesGrants, jn, manager.id);
    dir1 = await person('wangzongjian', '王总监', managerGrants, hq);
    dir2 = await person('liuzongjian', '刘总监', managerGrants, hq);
    request = await create(li.api, '/api/objects/discountRequest', {
      title: '华宇物流年度采购折扣',
      amount: '1280000.00',
      discount: 15,
      status: 'draft',
    });
  },
});

describe('approvals in the web client', () => {
  test('WF-2 the administrator draws a discount flow: 直属主管, then above 10% a 会签 of two directors; published', async () => {
    const page = await session('admin');
    await menu(page, '审批流程');
    await page.getByTestId('new-flow').click();
    await page.getByTestId('new-flow-name').fill('销售折扣审批');
    await page.getByTestId('new-flow-object').click();
    await page.keyboard.type('折扣');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '折扣申请' }).click();
    await page.getByTestId('new-flow-key').fill('discountApproval');
    await page.getByTestId('new-flow-ok').click();
    await page.getByTestId('flow-canvas').waitFor();

    // 发起人 → 「+」 → 审批人: the submitter's manager.
    await page.getByTestId('add-node').first().click();
    await page.getByTestId('add-approver').click();
    await page.getByTestId('node-name').fill('直属主管');
    await page.getByTestId('assignee-add').click();
    await page.getByRole('menuitem', { name: '逐级主管' }).click();
    await closeDrawer(page);

    // 「+」 → 条件分支: the first branch takes discounts above 10%, 其他情况 the rest.
    await page.getByTestId('add-node').nth(1).click();
    await page.getByTestId('add-condition').click();
    await page.getByTestId('node-name').fill('折扣超过10%');
    await choose(page, page.getByTestId('cond-field'), '折扣率');
    await pick(page, page.getByTestId('cond-op'), '大于');
    await page.getByTestId('condition-editor').locator('.ant-input-number input').fill('10');
    await closeDrawer(page);
    const branch = page.locator('.flow-branch', {
      has: page.getByTestId('flow-branch').filter({ hasText: '折扣超过10%' }),
    });
    await expect.poll(() => branch.getByTestId('flow-branch').innerText()).toContain('折扣率 大于 10');

    // Inside that branch: 总监会签, both directors must approve.
    await branch.getByTestId('add-node').first().click();
    await page.getByTestId('add-approver').click();
    await page.getByTestId('node-name').fill('总监会签');
    await page.getByTestId('assignee-add').click();
    await page.getByRole('menuitem', { name: '指定成员' }).click();
    const people = page.getByTestId('assignee-users').locator('.ant-select-multiple');
    for (const name of ['王总监', '刘总监']) {
      await people.click();
      await page.keyboard.type(name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).click();
    }
    await page.getByTestId('node-mode').getByText('会签', { exact: true }).click();
    await closeDrawer(page);
    await expect
      .poll(() => page.getByTestId('flow-node').filter({ hasText: '总监会签' }).innerText())
      .toContain('王总监、刘总监');

    // The outcome shows on the record's 审批状态.
    await page.getByRole('tab', { name: '流程设置' }).click();
    await choose(page, page.getByTestId('binding-field'), '审批状态');
    for (const [outcome, value] of [
      ['running', '审批中'],
      ['approved', '已通过'],
      ['rejected', '已驳回'],
      ['withdrawn', '草稿'],
      ['returned', '草稿'],
    ])
      await pick(page, page.getByTestId(`binding-${outcome}`), value);
    await page.getByRole('tab', { name: '流程设计' }).click();
    await expect
      .poll(() => page.getByTestId('flow-problems-none').textContent(), { timeout: 10_000 })
      .toContain('流程检查通过');
    await screenshot(page, 'approvals-designer');
    await page.getByTestId('flow-publish').click();
    await page.getByText('已发布为版本 1').waitFor();

    const flows = (await k.admin.get('/api/flows?object=discountRequest')).body.data;
    expect(flows).toMatchObject([{ name: '销售折扣审批', publishedVersion: 1, active: true }]);
    const [v1] = (await k.admin.get(`/api/flows/${flows[0].id}/versions`)).body.data;
    expect(v1.tree.nodes.map((n: { type: string; name: string }) => [n.type, n.name])).toEqual([
      ['approver', '直属主管'],
      ['condition', '条件分支'],
    ]);
    expect(v1.tree.nodes[1].branches[0]).toMatchObject({
      name: '折扣超过10%',
      when: { any: [{ all: [{ field: 'discount', op: 'gt', value: '10' }] }] },
      nodes: [{ name: '总监会签', mode: 'all', assignees: [{ kind: 'users', users: [dir1.id, dir2.id] }] }],
    });
    expect(v1.tree.binding.states).toEqual({
      running: 'running',
      approved: 'approved',
      rejected: 'rejected',
      withdrawn: 'draft',
      returned: 'draft',
    });
  });
  test('WF-2 WF-4 MOB-1 a 15% discount: predicted path, locked record, the manager approves on a phone, a director returns it', async () => {
    const page = await session('xiaoli');
    await page.goto(`/o/discountRequest/${request}`);
    await page.getByTestId('submit-approval').click();
    const path = page.getByTestId('approval-path');
    await expect.poll(() => path.innerText()).toContain('赵经理');
    // Above 10%: the manager, then both directors together; the submitter sees it before sending.
    expect(await page.getByTestId('path-step').allInnerTexts()).toEqual(['直属主管', '总监会签\n会签']);
    expect(await path.innerText()).toMatch(/赵经理[\s\S]*王总监[\s\S]*刘总监/);
    await settled(page.locator('.ant-modal'));
    await screenshot(page, 'approvals-submit-path');
    await page.getByTestId('submit-comment').fill('大客户年底冲量，请支持');
    await page.getByTestId('submit-approval-ok').click();
    await expect.poll(() => page.getByTestId('approval-bar-state').textContent()).toBe('审批中');
    expect(await page.getByTestId('edit-record').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('record-fields').innerText()).toContain('审批中');

    // The manager, on a 390 px phone: the home card and the menu badge say one is waiting.
    const mobile = await session('zhaojingli', phone);
    await expect.poll(() => mobile.getByTestId('approvals-widget').innerText()).toContain('华宇物流年度采购折扣');
    await mobile.getByTestId('menu-button').click();
    const entry = mobile.getByTestId('side-menu').getByRole('link', { name: /^审批/ });
    await expect.poll(() => entry.getByTestId('nav-count').textContent()).toBe('1');
    await entry.click();
    const item = mobile.getByTestId('inbox-item').filter({ hasText: '华宇物流年度采购折扣' });
    await expect.poll(() => item.innerText()).toContain('小李 提交');
    await screenshot(mobile, 'approvals-phone-inbox');
    await item.click();
    await mobile.getByTestId('approval-instance').waitFor();
    const fields = mobile.getByTestId('approval-record-fields');
    await expect.poll(() => fields.innerText()).toContain('¥1,280,000.00');
    expect(await fields.innerText()).toContain('128万');
    expect(await mobile.getByTestId('approval-timeline').innerText()).toContain('大客户年底冲量，请支持');
    await screenshot(mobile, 'approvals-phone-instance');
    const bar = await mobile.getByTestId('approval-actions').boundingBox();
    expect(bar!.y + bar!.height).toBeGreaterThan(844 - 2);
    await mobile.getByTestId('action-approve').click();
    await mobile.getByTestId('action-comment').fill('同意，注意回款周期');
    await mobile.getByTestId('action-ok').click();
    await mobile.getByTestId('action-approve').waitFor({ state: 'detached' });
    await expect.poll(() => mobile.getByTestId('approval-path').innerText()).toContain('同意，注意回款周期');

    // One of the directors sends it back to the submitter with a reason.
    const d1 = await session('wangzongjian');
    await menu(d1, '审批');
    await d1.getByTestId('inbox-item').filter({ hasText: '华宇物流年度采购折扣' }).click();
    await d1.getByTestId('action-more').click();
    await d1.getByTestId('action-return').click();
    await d1.getByTestId('action-comment').fill('请补充竞品报价后再提交');
    await settled(d1.locator('.ant-modal'));
    await screenshot(d1, 'approvals-return-dialog');
    await d1.getByTestId('action-ok').click();
    await expect.poll(() => d1.getByTestId('approval-state').first().textContent()).toBe('已退回');
    expect(await d1.getByTestId('approval-timeline').innerText()).toContain('退回给发起人');
    expect((await li.api.get(`/api/objects/discountRequest/${request}`)).body.data.status).toBe('draft');
  });

  test('WF-4 resubmitted, approved by the manager and both directors (a late click is told it was handled); 已通过 and editable again', async () => {
    const page = await session('xiaoli');
    await page.goto(`/o/discountRequest/${request}`);
    await expect.poll(() => page.getByTestId('approval-bar-state').textContent()).toBe('已退回修改');
    // Back with its submitter: they may change it, and resubmit from the record.
    expect(await page.getByTestId('edit-record').isDisabled()).toBe(false);
    await page.getByTestId('approval-bar').getByTestId('submit-approval').click();
    await expect.poll(() => page.getByTestId('approval-path').innerText()).toContain('刘总监');
    await page.getByTestId('submit-approval-ok').click();
    await expect.poll(() => page.getByTestId('approval-bar-state').textContent()).toBe('审批中');

    const act = async (u: User) => {
      const task = await myTask(u.api);
      const r = await u.api.post(`/api/approvals/tasks/${task.taskId}/approve`, {});
      if (r.status !== 200) throw new Error(JSON.stringify(r.body));
      return task.instanceId as number;
    };
    const instance = await act(manager);
    // 王总监 has the page open on a desktop, and approves on his phone meanwhile: the desktop's click is a 409.
    const d1 = await session('wangzongjian');
    await d1.goto(`/approvals/${instance}`);
    await d1.getByTestId('action-approve').waitFor();
    await act(dir1);
    await d1.getByTestId('action-approve').click();
    await d1.getByTestId('action-ok').click();
    await d1.getByText('该审批已被处理或已变化').waitFor();
    await d1.getByTestId('action-approve').waitFor({ state: 'detached' });

    const d2 = await session('liuzongjian');
    await menu(d2, '审批');
    await d2.getByTestId('inbox-item').filter({ hasText: '华宇物流年度采购折扣' }).click();
    await d2.getByTestId('action-approve').click();
    await d2.getByTestId('action-ok').click();
    await expect.poll(() => d2.getByTestId('approval-state').first().textContent()).toBe('已通过');
    await screenshot(d2, 'approvals-approved');

    await page.reload();
    await expect.poll(() => page.getByTestId('record-fields').innerText()).toContain('已通过');
    expect(await page.getByTestId('approval-bar-state').count()).toBe(0);
    expect(await page.getByTestId('approval-history').innerText()).toContain('已通过');
    expect(await page.getByTestId('edit-record').isDisabled()).toBe(false);
    await screenshot(page, 'approvals-record-approved');
    await page.getByTestId('edit-record').click();
    await page.waitForURL(`**/o/discountRequest/${request}/edit`);
  });
});
