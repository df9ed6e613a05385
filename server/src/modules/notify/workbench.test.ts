import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, hoursAgo, type Team, team } from '../team/test-kit.ts';
import { alertTickJob } from './alerts.job.ts';
import { eventually } from './test-kit.ts';
import { registerWorkbenchSection } from './workbench.ts';

let k: TestKehu;
let t: Team;

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'wb');
});
afterAll(() => k?.close());

const tz = 'Asia/Shanghai';
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone: tz,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());
/** Late today, company time: due today but not yet overdue. */
const lateToday = new Date(`${today}T23:58:00+08:00`).toISOString();

async function sections(api: ApiClient, query = '') {
  const r = await api.get(`/api/workbench${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return Object.fromEntries(r.body.data.sections.map((s: { name: string }) => [s.name, s])) as Record<string, any>;
}
const ids = (s: { items: Array<{ id?: number; eventId?: number; contact?: { id: number } }> }) =>
  s.items.map((x) => x.eventId ?? x.contact?.id ?? x.id);

/** Make a customer look untouched for `days` (the data generator's way: creation time in the past). */
async function age(customerId: number, days: number) {
  const obj = k.kehu.engine.registry.get('customer');
  await sql`update ${sql.table(obj.table)} set created_at = now() - make_interval(days => ${days})
    where id = ${customerId}`.execute(k.kehu.engine.db);
}

describe('TEAM-5 workbench', () => {
  test('TEAM-5 today’s events and tasks, overdue tasks, stale customers and birthdays — each limited by rights', async () => {
    const month = today.slice(5, 7);
    const mine = await create(t.li.api, 'customer', { name: '临沂顺达冷链物流有限公司', level: 'A' });
    const fresh = await create(t.li.api, 'customer', { name: '临沂新客户有限公司' });
    const theirs = await create(t.wang.api, 'customer', { name: '潍坊远通运输有限公司', level: 'A' });
    await age(mine.id, 200);
    await age(theirs.id, 200);
    const contact = await create(t.li.api, 'contact', {
      name: '孙立',
      customer: mine.id,
      birthday: `1985-${month}-15`,
    });
    const other = await create(t.wang.api, 'contact', {
      name: '周强',
      customer: theirs.id,
      birthday: `1980-${month}-10`,
    });
    const event = await create(t.li.api, 'event', { title: '拜访顺达', start: lateToday, customer: mine.id });
    const wangEvent = await create(t.wang.api, 'event', { title: '拜访远通', start: lateToday });
    const dueToday = await create(t.li.api, 'task', { title: '发报价', dueAt: lateToday });
    const overdue = await create(t.li.api, 'task', { title: '催回款', dueAt: hoursAgo(48) });
    const closed = await create(t.li.api, 'task', { title: '已完成', dueAt: hoursAgo(48), status: 'done' });
    const wangTask = await create(t.wang.api, 'task', { title: '王的任务', dueAt: hoursAgo(48) });

    const li = await sections(t.li.api);
    expect(Object.keys(li)).toEqual([
      'approvals',
      'todayEvents',
      'todayTasks',
      'overdueTasks',
      'noContact',
      'birthdays',
      'alerts',
    ]);
    expect(li.approvals).toMatchObject({ title: '待我审批', available: true, items: [], total: 0 });
    expect(li.todayEvents).toMatchObject({ title: '今日日程', available: true });
    expect(ids(li.todayEvents)).toContain(event.id);
    expect(ids(li.todayEvents)).not.toContain(wangEvent.id);
    expect(ids(li.todayTasks)).toEqual([dueToday.id]);
    expect(ids(li.overdueTasks)).toEqual([overdue.id]);
    expect(ids(li.overdueTasks)).not.toContain(closed.id);
    expect(ids(li.overdueTasks)).not.toContain(wangTask.id);
    expect(li.noContact.title).toBe('3 个月未联系的客户');
    expect(ids(li.noContact)).toEqual([mine.id]);
    expect(ids(li.noContact)).not.toContain(fresh.id);
    expect(ids(li.birthdays)).toEqual([contact.id]);
    // Sections of modules that do not exist yet (payment plans, receivables) are not shown at all.
    for (const name of ['paymentPlans', 'receivables']) expect(li[name]).toBeUndefined();

    // The manager reads the department: both stale customers and both birthdays.
    const mgr = await sections(t.manager.api, '?noContactMonths=6&sections=noContact,birthdays');
    expect(Object.keys(mgr)).toEqual(['noContact', 'birthdays']);
    expect(mgr.noContact.title).toBe('6 个月未联系的客户');
    expect(ids(mgr.noContact)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(ids(mgr.birthdays)).toEqual(expect.arrayContaining([contact.id, other.id]));
    expect(ids((await sections(t.li.api, '?noContactMonths=12')).noContact)).toEqual([]);

    // Someone who may read customers only: the other sections are simply not there for them.
    const narrow = await k.user({ username: 'wb-narrow', grants: { customer: { read: 'own', create: 'own' } } });
    const n = await sections(narrow.api);
    expect(n.noContact.available).toBe(true);
    for (const name of ['todayEvents', 'todayTasks', 'overdueTasks', 'birthdays', 'alerts'])
      expect(n[name].available).toBe(false);

    for (const bad of ['?noContactMonths=0', '?limit=500', '?receivablesAbove=lots', '?days=3']) {
      expect((await t.li.api.get(`/api/workbench${bad}`)).status).toBe(400);
    }
  });

  test('TEAM-5 another module adds its section without touching the workbench', async () => {
    registerWorkbenchSection(k.kehu.engine, {
      name: 'receivables',
      order: 70,
      title: (_ctx, p) => `应收款超过 ${p.receivablesAbove}`,
      load: async (_ctx, p) => ({ items: [{ customer: '华宇物流', amount: '120000.00' }], total: Number(p.limit > 0) }),
    });
    const s = await sections(t.li.api, '?receivablesAbove=100000');
    expect(s.receivables).toMatchObject({ title: '应收款超过 100000', available: true, total: 1 });
  });
});

describe('TEAM-5 NOTIF-3 alerts from saved filters', () => {
  test('TEAM-5 an alert runs as its owner (their rights apply) and notifies them when rows match', async () => {
    const rule = await create(t.li.api, 'alertRule', {
      name: 'A级客户',
      object: 'customer',
      filter: { field: 'level', op: 'eq', value: 'A' },
      schedule: 'daily',
    });
    expect(rule).toMatchObject({ schedule: 'daily', channels: ['inApp'], active: true, lastCount: null });
    expect(Date.parse(rule.nextRunAt)).toBeGreaterThan(Date.now());
    const run = await t.li.api.post(`/api/alert-rules/${rule.id}/run`);
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    // Wang's A customer is not li's to see, so it is not counted.
    expect(run.body.data).toEqual({ count: 1 });
    const inbox = (await t.li.api.get('/api/notifications')).body.data;
    expect(inbox[0]).toMatchObject({ kind: 'alert', title: '预警：A级客户', body: '有 1 条客户符合条件' });
    expect(inbox[0].link).toEqual({ object: 'alertRule', id: rule.id });
    expect((await t.wang.api.post(`/api/alert-rules/${rule.id}/run`)).status).toBe(404);
    expect(ids((await sections(t.li.api, '?sections=alerts')).alerts)).toEqual([rule.id]);

    // A saved view becomes an alert; the scheduler finds rules that are due and runs them.
    const view = await create(t.manager.api, 'savedView', {
      name: '部门 A 级客户',
      object: 'customer',
      filter: { field: 'level', op: 'eq', value: 'A' },
    });
    const fromView = await create(t.manager.api, 'alertRule', { name: '部门 A 级', view: view.id, schedule: 'weekly' });
    const obj = k.kehu.engine.registry.get('alertRule');
    const next = sql.ref(obj.fields.get('nextRunAt')!.column!);
    await sql`update ${sql.table(obj.table)} set ${next} = now() - interval '1 minute' where id = ${fromView.id}`.execute(
      k.kehu.engine.db,
    );
    await k.kehu.engine.jobs.send(alertTickJob);
    const note = await eventually(
      async () =>
        (await t.manager.api.get('/api/notifications')).body.data.find(
          (x: { title: string }) => x.title === '预警：部门 A 级',
        ),
      30_000,
      200,
    );
    expect(note.body).toBe('有 2 条客户符合条件');
    const after = (await t.manager.api.get(`/api/objects/alertRule/${fromView.id}`)).body.data;
    expect(after).toMatchObject({ lastCount: 2 });
    expect(Date.parse(after.nextRunAt)).toBeGreaterThan(Date.now());
  });

  test('TEAM-5 an alert must name an object its author may read, a valid filter and a valid schedule', async () => {
    const post = (body: Record<string, unknown>) =>
      t.li.api.post('/api/objects/alertRule', { name: '坏规则', ...body });
    expect((await post({})).body.error.fields).toEqual({ object: 'required' });
    expect((await post({ object: 'nope' })).body.error.fields).toEqual({ object: 'invalidOption' });
    expect((await post({ object: 'role' })).body.error.fields).toEqual({ object: 'invalidOption' });
    const badField = await post({ object: 'customer', filter: { field: 'secret', op: 'eq', value: 1 } });
    expect(badField.body.error.fields).toEqual({ filter: 'format' });
    expect((await post({ object: 'customer', schedule: 'cron' })).body.error.fields).toEqual({ cron: 'required' });
    expect((await post({ object: 'customer', schedule: 'cron', cron: '61 * * * *' })).body.error.fields).toEqual({
      cron: 'format',
    });
    const ok = await post({ object: 'task', schedule: 'cron', cron: '*/30 9-18 * * 1-5' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});
