import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../../../test/api-client.ts';
import { startKehu, startKehuOn, type TestKehu } from '../../../test/harness.ts';
import { SseClient } from '../../../test/sse-client.ts';
import { create, salesGrants } from '../team/test-kit.ts';
import { reminderJob } from './reminders.ts';
import { eventually, soon } from './test-kit.ts';

/** Two application processes on one database, as behind a load balancer (OPS-2). */
let a: TestKehu;
let b: Awaited<ReturnType<typeof startKehuOn>>;
let liA: ApiClient;
let liB: ApiClient;

beforeAll(async () => {
  a = await startKehu();
  b = await startKehuOn(a.dbUrl, { dataDir: a.dataDir });
  const li = await a.user({ username: 'cl-li', grants: salesGrants });
  liA = li.api;
  liB = await b.as('cl-li');
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('NOTIF-1 NOTIF-3 several server processes', () => {
  test('NOTIF-1 a notification created through one process reaches a page connected to the other', async () => {
    expect(a.kehu.engine).not.toBe(b.kehu.engine);
    const stream = await SseClient.open(liB, '/api/notifications/stream');
    try {
      await stream.next((e) => e.event === 'unread');
      const rule = await create(liA, 'alertRule', { name: '我的客户', object: 'customer', schedule: 'daily' });
      await create(liA, 'customer', { name: '德州鲁信物流有限公司' });
      // Runs in process A (this request is served there).
      expect((await liA.post(`/api/alert-rules/${rule.id}/run`)).body.data).toEqual({ count: 1 });
      const live = await stream.next((e) => e.event === 'notification');
      expect(live.data).toMatchObject({
        kind: 'alert',
        title: '预警：我的客户',
        link: { object: 'alertRule', id: rule.id },
      });
      await stream.next((e) => e.event === 'unread' && e.data.count >= 1);
    } finally {
      stream.close();
    }
  });

  test('NOTIF-3 a reminder fires exactly once although both processes run jobs and its time moved away and back', async () => {
    const stream = await SseClient.open(liB, '/api/notifications/stream');
    try {
      // Due in 65 seconds, reminded a minute before: the reminder fires in about 5 seconds.
      const due = soon();
      const task = await create(liA, 'task', { title: '给鲁信回电话', dueAt: due, reminderMinutes: 1 });
      // Moved through process B and back through A: three versions, two of them queue the same reminder time.
      const later = new Date(Date.now() + 3_600_000).toISOString();
      expect((await liB.patch(`/api/objects/task/${task.id}`, { dueAt: later })).status).toBe(200);
      expect((await liA.patch(`/api/objects/task/${task.id}`, { dueAt: due })).status).toBe(200);

      const live = await stream.next((e) => e.event === 'notification' && e.data.kind === 'reminder', 60_000);
      expect(live.data).toMatchObject({ title: '任务提醒：给鲁信回电话', link: { object: 'task', id: task.id } });

      // Wait until every reminder job queued for this due time has run, then count.
      const jobs = async () => {
        const r = await sql<{ state: string }>`select state from pgboss.job where name = ${reminderJob}
          and data->>'id' = ${String(task.id)} and data->>'occurrence' = ${due}`.execute(a.kehu.engine.db);
        return r.rows;
      };
      await eventually(async () => {
        const rows = await jobs();
        return rows.length === 2 && rows.every((x) => x.state === 'completed') ? true : undefined;
      });
      const reminders = (await liA.get('/api/notifications?limit=100')).body.data.filter(
        (n: { kind: string; link: { id: number } | null }) => n.kind === 'reminder' && n.link?.id === task.id,
      );
      expect(reminders).toHaveLength(1);
      expect(reminders[0].body).toMatch(/^给鲁信回电话 截止于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    } finally {
      stream.close();
    }
  });

  test('NOTIF-1 closing a server ends its open streams (and the other keeps serving)', async () => {
    const c = await startKehuOn(a.dbUrl, { dataDir: a.dataDir });
    const liC = await c.as('cl-li');
    const stream = await SseClient.open(liC, '/api/notifications/stream');
    await stream.next((e) => e.event === 'unread');
    expect(c.kehu.engine.live.size).toBe(1);
    await c.close();
    await stream.closedByServer();
    expect(c.kehu.engine.live.size).toBe(0);
    expect((await liA.get('/api/notifications/unread-count')).status).toBe(200);
  });
});
