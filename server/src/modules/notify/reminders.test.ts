import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, startKehuOn, type TestKehu } from '../../../test/harness.ts';
import { create, hoursAhead, type Team, team } from '../team/test-kit.ts';
import { reminderJob } from './reminders.ts';
import { eventually, soon } from './test-kit.ts';

let k: TestKehu;
let t: Team;

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'rm');
});
afterAll(() => k?.close());

const remindersOf = async (api: ApiClient, object: string, id: number) =>
  (await api.get('/api/notifications?limit=100')).body.data.filter(
    (n: { kind: string; link: { object: string; id: number } | null }) =>
      n.kind === 'reminder' && n.link?.object === object && n.link.id === id,
  );

/** The reminder jobs queued for a record, oldest first. */
async function jobsOf(object: string, id: number) {
  const r = await sql<{ state: string; occurrence: string; start_after: Date }>`select state,
      data->>'occurrence' as occurrence, start_after from pgboss.job
    where name = ${reminderJob} and data->>'object' = ${object} and data->>'id' = ${String(id)}
    order by created_on`.execute(k.kehu.engine.db);
  return r.rows;
}

describe('NOTIF-3 reminders', () => {
  test('NOTIF-3 a reminder that would already have passed is refused on the reminder field', async () => {
    const task = await t.li.api.post('/api/objects/task', {
      title: '太晚了',
      dueAt: hoursAhead(0.5),
      reminderMinutes: 60,
    });
    expect(task.status).toBe(400);
    expect(task.body.error.fields).toEqual({ reminderMinutes: 'reminderInPast' });
    const event = await t.li.api.post('/api/objects/event', {
      title: '太晚了',
      start: hoursAhead(0.5),
      reminderMinutes: 60,
    });
    expect(event.body.error.fields).toEqual({ reminderMinutes: 'reminderInPast' });
  });

  test('NOTIF-3 an event reminds its owner and its attendees; a deleted task’s reminder never fires', async () => {
    const event = await create(t.li.api, 'event', {
      title: '华宇物流签约',
      start: soon(),
      reminderMinutes: 1,
      attendees: [t.wang.id],
    });
    const task = await create(t.li.api, 'task', { title: '取消的任务', dueAt: soon(), reminderMinutes: 1 });
    expect((await t.li.api.delete(`/api/objects/task/${task.id}`)).status).toBe(200);

    const mine = await eventually(async () => (await remindersOf(t.li.api, 'event', event.id))[0]);
    expect(mine).toMatchObject({ title: '日程提醒：华宇物流签约' });
    expect(mine.body).toMatch(/^华宇物流签约 将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 开始$/);
    expect(await remindersOf(t.wang.api, 'event', event.id)).toHaveLength(1);
    expect(await remindersOf(t.manager.api, 'event', event.id)).toHaveLength(0);

    await eventually(async () => ((await jobsOf('task', task.id))[0]?.state === 'completed' ? true : undefined));
    expect(await remindersOf(t.li.api, 'task', task.id)).toHaveLength(0);
  });

  test('NOTIF-3 a recurring event reminds of each occurrence in turn', async () => {
    const start = soon();
    const event = await create(t.li.api, 'event', {
      title: '每日站会',
      start,
      reminderMinutes: 1,
      rrule: 'FREQ=DAILY;COUNT=3',
    });
    await eventually(async () => (await remindersOf(t.li.api, 'event', event.id))[0]);
    // Having fired, the reminder queued the next day's one.
    const tomorrow = new Date(Date.parse(start) + 86_400_000).toISOString();
    const jobs = await eventually(async () => {
      const rows = await jobsOf('event', event.id);
      return rows.some((j) => j.occurrence === tomorrow) ? rows : undefined;
    });
    const next = jobs.find((j) => j.occurrence === tomorrow)!;
    expect(next.state).toBe('created');
    expect(new Date(next.start_after).getTime()).toBe(Date.parse(tomorrow) - 60_000);
  });

  test('NOTIF-3 a queued reminder survives the restart of the server that queued it', async () => {
    // Only the processes started here run jobs: the first one stops, a new one starts later and fires it.
    await k.kehu.engine.jobs.stop();
    try {
      const first = await startKehuOn(k.dbUrl, { dataDir: k.dataDir });
      const li = await first.as('rm-li');
      const task = await create(li, 'task', { title: '重启之后', dueAt: soon(), reminderMinutes: 1 });
      await first.close();
      const second = await startKehuOn(k.dbUrl, { dataDir: k.dataDir });
      try {
        const note = await eventually(async () => (await remindersOf(t.li.api, 'task', task.id))[0]);
        expect(note.title).toBe('任务提醒：重启之后');
      } finally {
        await second.close();
      }
    } finally {
      await k.kehu.engine.jobs.start();
    }
  });
});
