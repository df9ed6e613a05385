import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, type Team, team } from './test-kit.ts';

let k: TestKehu;
let t: Team;

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'rep');
});
afterAll(() => k?.close());

// A fixed past Wednesday (Shanghai time); its week starts on Monday 2 April 2025.
const day = '2025-04-02';
const at = (d: string, hhmm: string) => new Date(`${d}T${hhmm}:00+08:00`).toISOString();

describe('TEAM-4 work reports', () => {
  test("TEAM-4 the daily template is pre-filled with the day's activities and completed tasks", async () => {
    const c = await create(t.li.api, 'customer', { name: '济南城投环境有限公司' });
    await create(t.li.api, 'activity', {
      type: 'visit',
      subject: '演示新车型',
      customer: c.id,
      time: at(day, '10:30'),
    });
    await create(t.li.api, 'activity', { type: 'call', subject: '确认参数', customer: c.id, time: at(day, '15:00') });
    await create(t.li.api, 'activity', {
      type: 'call',
      subject: '前一天的电话',
      customer: c.id,
      time: at('2025-04-01', '15:00'),
    });
    await create(t.wang.api, 'activity', { type: 'call', subject: '王的电话', time: at(day, '11:00') });
    const task = await create(t.li.api, 'task', { title: '整理投标文件', status: 'done' });
    // Completed "today" in the real clock: ask for the draft of the day it was completed.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

    const draft = await t.li.api.get(`/api/work-reports/draft?kind=daily&date=${day}`);
    expect(draft.status).toBe(200);
    const d = draft.body.data;
    expect(d).toMatchObject({ kind: 'daily', period: day, existing: null, problems: '' });
    expect(d.activities.map((a: { subject: string }) => a.subject)).toEqual(['演示新车型', '确认参数']);
    expect(d.done).toContain('10:30 拜访 · 济南城投环境有限公司 · 演示新车型');
    expect(d.done).toContain('15:00 电话 · 济南城投环境有限公司 · 确认参数');
    expect(d.done).not.toContain('前一天');
    expect(d.done).not.toContain('王的电话');

    const todays = (await t.li.api.get(`/api/work-reports/draft?kind=daily&date=${today}`)).body.data;
    expect(todays.completedTasks.map((x: { id: number }) => x.id)).toEqual([task.id]);
    expect(todays.done).toContain('整理投标文件');

    const weekly = (await t.li.api.get(`/api/work-reports/draft?kind=weekly&date=${day}`)).body.data;
    expect(weekly).toMatchObject({ kind: 'weekly', period: '2025-03-31', first: '2025-03-31', last: '2025-04-06' });
    expect(weekly.activities).toHaveLength(3);
    expect((await t.li.api.get('/api/work-reports/draft?kind=monthly')).body.error.fields).toEqual({
      kind: 'invalidOption',
    });
    expect((await t.li.api.get('/api/work-reports/draft?date=2025-02-30')).body.error.fields).toEqual({
      date: 'invalidDate',
    });
  });

  test('TEAM-4 one report per period; weekly periods start on Monday; a submitted report is locked', async () => {
    const weekly = await create(t.li.api, 'workReport', { kind: 'weekly', period: '2025-04-03', done: '拜访 5 家' });
    expect(weekly).toMatchObject({
      period: '2025-03-31',
      title: '周报 2025-03-31',
      status: 'draft',
      submittedAt: null,
    });
    const again = await t.li.api.post('/api/objects/workReport', { kind: 'weekly', period: '2025-04-01' });
    expect(again.body.error.fields).toEqual({ period: 'duplicate' });
    const sent = await t.li.api.patch(`/api/objects/workReport/${weekly.id}`, { status: 'submitted' });
    expect(sent.body.data.submittedAt).toBeTruthy();
    const edit = await t.li.api.patch(`/api/objects/workReport/${weekly.id}`, { done: '改一下' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('WORK_REPORT_SUBMITTED');
    const back = await t.li.api.patch(`/api/objects/workReport/${weekly.id}`, { status: 'draft', done: '改一下' });
    expect(back.body.data).toMatchObject({ status: 'draft', submittedAt: null, done: '改一下' });
    const draft = (await t.li.api.get('/api/work-reports/draft?kind=weekly&date=2025-04-05')).body.data;
    expect(draft.existing).toMatchObject({ id: weekly.id });
  });

  test("TEAM-4 managers read and comment on their department's reports and see who has not submitted", async () => {
    const date = '2025-04-08';
    const li = await create(t.li.api, 'workReport', {
      kind: 'daily',
      period: date,
      done: '拜访客户',
      status: 'submitted',
    });
    await create(t.wang.api, 'workReport', { kind: 'daily', period: date, done: '还在写' });
    await create(t.zhao.api, 'workReport', { kind: 'daily', period: date, status: 'submitted' });

    const list = await t.manager.api.list('workReport', { filter: { field: 'period', op: 'eq', value: date } });
    expect(list.body.data.map((r: { owner: { id: number } }) => r.owner.id).sort()).toEqual(
      [t.li.id, t.wang.id].sort(),
    );

    const missing = await t.manager.api.get(`/api/work-reports/missing?kind=daily&date=${date}`);
    expect(missing.status).toBe(200);
    expect(missing.body.data).toMatchObject({ period: date, expected: 3, submitted: 1 });
    expect(missing.body.data.missing.map((u: { id: number }) => u.id).sort()).toEqual([t.manager.id, t.wang.id].sort());
    const own = await t.wang.api.get(`/api/work-reports/missing?kind=daily&date=${date}`);
    expect(own.body.data.missing.map((u: { id: number }) => u.id)).toEqual([t.wang.id]);

    const comment = await create(t.manager.api, 'workReportComment', { report: li.id, content: '注意跟进报价' });
    const seen = await t.li.api.get(`/api/objects/workReport/${li.id}/related/comments`);
    expect(seen.body.data.map((c: { id: number }) => c.id)).toEqual([comment.id]);
    const stranger = await t.zhao.api.post('/api/objects/workReportComment', { report: li.id, content: '路过' });
    expect(stranger.body.error.fields).toEqual({ report: 'notFound' });
  });
});
