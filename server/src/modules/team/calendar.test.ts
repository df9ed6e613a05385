import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { create, type Team, team } from './test-kit.ts';

let k: TestKehu;
let t: Team;

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'cal');
});
afterAll(() => k?.close());

// Monday 4 March 2030, 09:00 in Shanghai (UTC+8) is 01:00 UTC.
const monday9 = '2030-03-04T01:00:00.000Z';
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const keys = (r: { body: { data: Array<{ title: string; start: string }> } }) =>
  r.body.data.map((o) => `${o.title}@${o.start}`);

describe('TEAM-1 calendar events', () => {
  test('TEAM-1 an event ending before it starts is refused; the end defaults to an hour after the start', async () => {
    const bad = await t.li.api.post('/api/objects/event', {
      title: '拜访',
      start: monday9,
      end: '2030-03-04T00:00:00Z',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { end: 'endBeforeStart' } });
    expect(bad.body.error.message).toContain('结束：不能早于开始时间');
    const ev = await create(t.li.api, 'event', { title: '拜访', start: monday9 });
    expect(ev.end).toBe('2030-03-04T02:00:00.000Z');
    const moved = await t.li.api.patch(`/api/objects/event/${ev.id}`, { end: '2030-03-03T00:00:00Z' });
    expect(moved.body.error.fields).toEqual({ end: 'endBeforeStart' });
  });

  test('TEAM-1 recurring rules must end, be valid, and reminders must still be able to fire', async () => {
    const post = (extra: Record<string, unknown>) =>
      t.li.api.post('/api/objects/event', { title: '周会', start: monday9, ...extra });
    expect((await post({ rrule: 'FREQ=WEEKLY;BYDAY=MO' })).body.error.fields).toEqual({ rrule: 'recurrenceUnbounded' });
    expect((await post({ rrule: 'FREQ=DAILY;COUNT=5000' })).body.error.fields).toEqual({
      rrule: 'recurrenceUnbounded',
    });
    expect((await post({ rrule: 'FREQ=DAILY;UNTIL=20601231' })).body.error.fields).toEqual({
      rrule: 'recurrenceUnbounded',
    });
    expect((await post({ rrule: 'FREQ=HOURLY;COUNT=3' })).body.error.fields).toEqual({ rrule: 'invalidRecurrence' });
    expect((await post({ rrule: 'FREQ=WEEKLY;BYDAY=XX;COUNT=3' })).body.error.fields).toEqual({
      rrule: 'invalidRecurrence',
    });
    expect((await post({ rrule: 'FREQ=WEEKLY;COUNT=2;UNTIL=20300401' })).body.error.fields).toEqual({
      rrule: 'invalidRecurrence',
    });
    const past = await t.li.api.post('/api/objects/event', {
      title: '已过去',
      start: '2020-01-01T01:00:00Z',
      reminderMinutes: 15,
    });
    expect(past.body.error.fields).toEqual({ reminderMinutes: 'reminderInPast' });
    const ok = await post({ rrule: 'rrule:freq=weekly;byday=mo;count=4', reminderMinutes: 30 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.data).toMatchObject({
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4',
      seriesEnd: '2030-03-25T02:00:00.000Z',
    });
  });

  test('TEAM-1 a weekly meeting expands into occurrences; one can be skipped or moved, and the series dragged', async () => {
    const series = await create(t.wang.api, 'event', {
      title: '销售周会',
      start: monday9,
      end: '2030-03-04T02:00:00Z',
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6',
      location: '三楼会议室',
    });
    const march = () => t.wang.api.get('/api/calendar?from=2030-03-01&to=2030-04-01&users=me');
    const first = await march();
    expect(first.status).toBe(200);
    expect(keys(first)).toEqual(['04', '11', '18', '25'].map((d) => `销售周会@${at(`2030-03-${d}`, '09:00')}`));
    expect(first.body.data[0]).toMatchObject({
      key: `${series.id}@${monday9}`,
      eventId: series.id,
      recurring: true,
      originalStart: monday9,
      editable: true,
      location: '三楼会议室',
    });

    const skip = await t.wang.api.post(`/api/calendar/events/${series.id}/skip`, {
      originalStart: at('2030-03-11', '09:00'),
    });
    expect(skip.status).toBe(200);
    const notOne = await t.wang.api.post(`/api/calendar/events/${series.id}/skip`, {
      originalStart: at('2030-03-12', '09:00'),
    });
    expect(notOne.body.error.fields).toEqual({ originalStart: 'notFound' });

    const moved = await t.wang.api.post(`/api/calendar/events/${series.id}/move`, {
      originalStart: at('2030-03-18', '09:00'),
      start: at('2030-03-19', '14:00'),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body.data).toMatchObject({
      title: '销售周会',
      series: { id: series.id },
      end: at('2030-03-19', '15:00'),
    });
    expect(keys(await march())).toEqual([
      `销售周会@${at('2030-03-04', '09:00')}`,
      `销售周会@${at('2030-03-19', '14:00')}`,
      `销售周会@${at('2030-03-25', '09:00')}`,
    ]);

    // Dragging the whole series an hour later keeps the exceptions on the same occurrences.
    const drag = await t.wang.api.patch(`/api/objects/event/${series.id}`, {
      start: at('2030-03-04', '10:00'),
      end: at('2030-03-04', '11:00'),
    });
    expect(drag.status, JSON.stringify(drag.body)).toBe(200);
    expect(keys(await march())).toEqual([
      `销售周会@${at('2030-03-04', '10:00')}`,
      `销售周会@${at('2030-03-19', '14:00')}`,
      `销售周会@${at('2030-03-25', '10:00')}`,
    ]);
    const april = await t.wang.api.get('/api/calendar?from=2030-04-01&to=2030-05-01');
    expect(keys(april)).toEqual([`销售周会@${at('2030-04-01', '10:00')}`, `销售周会@${at('2030-04-08', '10:00')}`]);

    const bad = await t.wang.api.get('/api/calendar?from=2030-04-01&to=2030-03-01');
    expect(bad.body.error.fields).toEqual({ to: 'endBeforeStart' });
    expect((await t.wang.api.get('/api/calendar?from=2030-01-01&to=2032-01-01')).body.error.fields).toEqual({
      to: 'tooLarge',
    });
    expect((await t.wang.api.get('/api/calendar?to=2030-03-01')).body.error.fields).toEqual({ from: 'required' });
  });

  test("TEAM-1 rights: a salesperson sees own and attended events, a manager the department's", async () => {
    const day = (h: string) => `2030-06-03T${h}:00:00Z`;
    const liVisit = await create(t.li.api, 'event', { title: '李-拜访', start: day('02'), attendees: [t.wang.id] });
    await create(t.li.api, 'event', { title: '李-私事', start: day('06') });
    await create(t.zhao.api, 'event', { title: '赵-拜访', start: day('03') });
    await create(t.manager.api, 'event', { title: '经理-例会', start: day('04') });
    const window = (users: string) => `/api/calendar?from=2030-06-03&to=2030-06-04&users=${users}`;
    const titles = async (api: typeof t.li.api, users: string) =>
      (await api.get(window(users))).body.data.map((o: { title: string }) => o.title);

    expect(await titles(t.li.api, 'me')).toEqual(['李-拜访', '李-私事']);
    // Wang attends Li's visit: he sees it (read share), cannot change it, and does not see Li's other events.
    expect(await titles(t.wang.api, 'me')).toEqual(['李-拜访']);
    expect(await titles(t.wang.api, 'all')).toEqual(['李-拜访']);
    const seen = (await t.wang.api.get(window('me'))).body.data[0];
    expect(seen.editable).toBe(false);
    expect((await t.wang.api.patch(`/api/objects/event/${liVisit.id}`, { start: day('05') })).status).toBe(403);
    expect(await titles(t.zhao.api, 'all')).toEqual(['赵-拜访']);
    expect(await titles(t.li.api, String(t.zhao.id))).toEqual([]);

    expect(await titles(t.manager.api, 'department')).toEqual(['李-拜访', '经理-例会', '李-私事']);
    expect(await titles(t.manager.api, `${t.li.id}`)).toEqual(['李-拜访', '李-私事']);
    expect(await titles(t.manager.api, `${t.zhao.id}`)).toEqual([]);
    expect(await titles(k.admin, 'all')).toEqual(['李-拜访', '赵-拜访', '经理-例会', '李-私事']);

    // Taking Wang off the attendees takes his share away.
    await t.li.api.patch(`/api/objects/event/${liVisit.id}`, { attendees: [] });
    expect(await titles(t.wang.api, 'all')).toEqual([]);
    expect((await t.wang.api.get('/api/calendar?from=2030-06-03&to=2030-06-04&users=x')).body.error.fields).toEqual({
      users: 'format',
    });
  });
});
