import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startKehu, type TestKehu } from '../../../test/harness.ts';
import { SseClient } from '../../../test/sse-client.ts';
import { type Team, team } from '../team/test-kit.ts';
import { type NotifyInput, notify } from './notify.service.ts';

let k: TestKehu;
let t: Team;

beforeAll(async () => {
  k = await startKehu();
  t = await team(k, 'nt');
});
afterAll(() => k?.close());

/** Notifications are written by the system (reminders, alerts, other modules) through `notify()`. */
const send = (input: Omit<NotifyInput, 'kind'> & { kind?: string }) =>
  notify(k.kehu.engine.systemContext(), { kind: 'message', ...input });

describe('NOTIF-1 notification centre', () => {
  test('NOTIF-1 a notification is read only by its recipient: not by colleagues, their manager or administrators', async () => {
    const [id] = await send({ to: [t.li.id], title: '请回电华宇物流', link: { object: 'user', id: t.li.id } });
    const mine = await t.li.api.get('/api/notifications');
    expect(mine.status).toBe(200);
    expect(mine.body.data).toContainEqual(
      expect.objectContaining({ id, title: '请回电华宇物流', read: false, link: { object: 'user', id: t.li.id } }),
    );
    for (const other of [t.wang.api, t.manager.api, k.admin]) {
      expect((await other.get('/api/notifications')).body.data.map((n: { id: number }) => n.id)).not.toContain(id);
      expect((await other.get(`/api/objects/notification/${id}`)).status).toBe(404);
      const list = await other.list('notification', { filter: { field: 'id', op: 'eq', value: id } });
      expect(list.body.data).toEqual([]);
      // Marking someone else's notification read changes nothing.
      expect((await other.post('/api/notifications/read', { ids: [id] })).body.data.updated).toBe(0);
    }
    expect((await t.li.api.get(`/api/objects/notification/${id}`)).body.data).toMatchObject({ id, readAt: null });
    // Nobody writes notifications through the generic API, not even for themselves.
    const forged = await t.li.api.post('/api/objects/notification', { title: 'x' });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('READ_ONLY_OBJECT');
  });

  test('NOTIF-1 unread count, marking read (some or all), texts in the reader’s language', async () => {
    const before = (await t.wang.api.get('/api/notifications/unread-count')).body.data.count;
    const ids = await send({
      to: [t.wang.id],
      kind: 'alert',
      title: { key: 'notify.alert', params: { name: '大客户' } },
    });
    await send({ to: [t.wang.id], title: '第二条' });
    await send({ to: [t.wang.id], title: '第三条' });
    expect((await t.wang.api.get('/api/notifications/unread-count')).body.data.count).toBe(before + 3);

    const zh = (await t.wang.api.get('/api/notifications?unread=true&limit=10')).body.data;
    expect(zh.find((n: { id: number }) => n.id === ids[0])).toMatchObject({ kind: 'alert', title: '预警：大客户' });
    t.wang.api.locale = 'en-US';
    const en = (await t.wang.api.get('/api/notifications?unread=true')).body.data;
    t.wang.api.locale = 'zh-CN';
    expect(en.find((n: { id: number }) => n.id === ids[0]).title).toBe('Alert: 大客户');

    const one = await t.wang.api.post('/api/notifications/read', { ids });
    expect(one.body.data).toEqual({ updated: 1, unread: before + 2 });
    const all = await t.wang.api.post('/api/notifications/read', { all: true });
    expect(all.body.data).toEqual({ updated: before + 2, unread: 0 });
    expect((await t.wang.api.get('/api/notifications?unread=true')).body.data).toEqual([]);
    const read = (await t.wang.api.get('/api/notifications')).body.data.find((n: { id: number }) => n.id === ids[0]);
    expect(read).toMatchObject({ read: true, readAt: expect.any(String) });

    const bad = await t.wang.api.post('/api/notifications/read', { ids: [1], all: true });
    expect(bad.status).toBe(400);
    expect((await t.wang.api.get('/api/notifications?unread=maybe')).status).toBe(400);
    expect((await t.wang.api.get('/api/notifications?page=2')).body.error.code).toBe('UNKNOWN_PARAMETER');
  });

  test('NOTIF-1 the unread count and new notifications arrive live over Server-Sent Events', async () => {
    const anonymous = await fetch(`${k.baseUrl}/api/notifications/stream`);
    expect(anonymous.status).toBe(401);

    await t.zhao.api.post('/api/notifications/read', { all: true });
    const stream = await SseClient.open(t.zhao.api, '/api/notifications/stream');
    try {
      expect((await stream.next((e) => e.event === 'unread')).data).toEqual({ count: 0 });
      const [id] = await send({ to: [t.zhao.id], title: '南京办：新客户分配给你' });
      const live = await stream.next((e) => e.event === 'notification');
      expect(live.data).toMatchObject({ id, title: '南京办：新客户分配给你', read: false });
      await stream.next((e) => e.event === 'unread' && e.data.count === 1);
      // Read on another page (another client): this page's count follows.
      await t.zhao.api.post('/api/notifications/read', { ids: [id] });
      const counts = () => stream.events.filter((e) => e.event === 'unread').map((e) => e.data.count);
      await stream.next(() => counts().at(-1) === 0);
      // Someone else's notification does not reach this stream.
      await send({ to: [t.li.id], title: '不是给赵的' });
      const [again] = await send({ to: [t.zhao.id], title: '第二条' });
      expect((await stream.next((e) => e.event === 'notification' && e.data.id === again)).data.title).toBe('第二条');
      expect(stream.events.some((e) => e.data?.title === '不是给赵的')).toBe(false);
    } finally {
      stream.close();
    }
  });
});

describe('NOTIF-2 preferences', () => {
  test('NOTIF-2 each user chooses the channels per kind; a kind switched off in the app is not shown', async () => {
    const prefs = await t.li.api.get('/api/notifications/preferences');
    expect(prefs.body.data).toContainEqual({ kind: 'reminder', label: '日程与任务提醒', inApp: true, email: true });
    expect(prefs.body.data).toContainEqual(expect.objectContaining({ kind: 'alert', inApp: true, email: false }));

    const set = await t.li.api.request('PUT', '/api/notifications/preferences', {
      items: [{ kind: 'alert', inApp: false, email: true }],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.data).toContainEqual(expect.objectContaining({ kind: 'alert', inApp: false, email: true }));
    // Someone else's choice is theirs alone.
    const wang = await t.wang.api.get('/api/notifications/preferences');
    expect(wang.body.data).toContainEqual(expect.objectContaining({ kind: 'alert', inApp: true, email: false }));

    const count = async () => (await t.li.api.get('/api/notifications/unread-count')).body.data.count;
    const before = await count();
    await send({ to: [t.li.id], kind: 'alert', title: '静音的预警' });
    await send({ to: [t.li.id], kind: 'message', title: '照常显示' });
    expect(await count()).toBe(before + 1);

    const unknown = await t.li.api.request('PUT', '/api/notifications/preferences', { items: [{ kind: 'nope' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual({ kind: 'invalidOption' });
  });
});
