import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, hoursAgo, hoursAhead, type Team, team } from './test-kit.ts';

let k: TestKehu;
let t: Team;

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'task');
});
afterAll(() => k?.close());

describe('TEAM-3 tasks', () => {
  test('TEAM-3 a manager assigns a task with due date and priority; the assignee works it to done', async () => {
    const customer = await create(t.li.api, 'customer', { name: '烟台港城环卫有限公司' });
    const task = await create(t.manager.api, 'task', {
      title: '准备报价单',
      owner: t.li.id,
      dueAt: hoursAhead(48),
      priority: 'high',
      customer: customer.id,
      reminderMinutes: 60,
    });
    expect(task).toMatchObject({ status: 'todo', priority: 'high', owner: { id: t.li.id }, completedAt: null });
    expect(task.customer).toMatchObject({ id: customer.id });

    const mine = await t.li.api.list('task', { filter: { field: 'status', op: 'in', value: ['todo', 'doing'] } });
    expect(mine.body.data.map((x: { id: number }) => x.id)).toContain(task.id);
    expect((await t.wang.api.get(`/api/objects/task/${task.id}`)).status).toBe(404);

    const doing = await t.li.api.patch(`/api/objects/task/${task.id}`, { status: 'doing' });
    expect(doing.body.data.completedAt).toBeNull();
    const done = await t.li.api.patch(`/api/objects/task/${task.id}`, { status: 'done' });
    expect(Math.abs(Date.parse(done.body.data.completedAt) - Date.now())).toBeLessThan(60_000);
    const reopened = await t.li.api.patch(`/api/objects/task/${task.id}`, { status: 'todo' });
    expect(reopened.body.data.completedAt).toBeNull();
    // Nobody sets the completion time by hand.
    const forged = await t.li.api.patch(`/api/objects/task/${task.id}`, { completedAt: hoursAgo(1) });
    expect(forged.body.error.fields).toEqual({ completedAt: 'readOnly' });
  });

  test('TEAM-3 a salesperson cannot hand tasks to a colleague; bad status, past reminders and hidden links are refused', async () => {
    expect((await t.li.api.post('/api/objects/task', { title: '给王', owner: t.wang.id })).status).toBe(403);
    const bad = await t.li.api.post('/api/objects/task', { title: 'x', status: 'started', priority: 'urgent' });
    expect(bad.body.error.fields).toEqual({ status: 'invalidOption', priority: 'invalidOption' });
    const late = await t.li.api.post('/api/objects/task', { title: 'x', dueAt: hoursAhead(1), reminderMinutes: 120 });
    expect(late.body.error.fields).toEqual({ reminderMinutes: 'reminderInPast' });
    const noDue = await t.li.api.post('/api/objects/task', { title: 'x', reminderMinutes: 10 });
    expect(noDue.body.error.fields).toEqual({ dueAt: 'required' });
    const theirs = await create(t.wang.api, 'customer', { name: '威海蓝海物流有限公司' });
    const hidden = await t.li.api.post('/api/objects/task', { title: 'x', customer: theirs.id });
    expect(hidden.body.error.fields).toEqual({ customer: 'notFound' });
  });
});

describe('TEAM-3 tasks follow their customer', () => {
  test('TEAM-3 open tasks move with the customer when it is transferred; finished ones stay', async () => {
    const c = await create(t.li.api, 'customer', { name: '聊城鲁西环卫有限公司' });
    const open = await create(t.li.api, 'task', { title: '跟进报价', customer: c.id });
    const done = await create(t.li.api, 'task', { title: '首次拜访', customer: c.id, status: 'done' });
    const r = await t.manager.api.post('/api/customers/transfer', { ids: [c.id], toOwner: t.wang.id, withOpen: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await k.admin.get(`/api/objects/task/${open.id}`)).body.data.owner.id).toBe(t.wang.id);
    expect((await k.admin.get(`/api/objects/task/${done.id}`)).body.data.owner.id).toBe(t.li.id);
  });
});
