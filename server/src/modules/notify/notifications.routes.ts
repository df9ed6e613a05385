import type { FastifyInstance } from 'fastify';
import { KehuError } from '../../engine/errors.ts';
import { allowParams, bodyOf, ctxOf } from '../../http/context.ts';
import { listNotifications, markRead, unreadCount } from './inbox.ts';
import { preferences, setPreferences } from './preferences.ts';

function limitOf(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new KehuError('BAD_REQUEST', { detail: 'limit' });
  return n;
}

/** The notification centre (NOTIF-1) and the reader's channel choices (NOTIF-2). */
export function registerNotificationRoutes(app: FastifyInstance): void {
  app.get('/api/notifications', { config: { summary: 'My notifications, newest first (NOTIF-1)' } }, async (req) => {
    const q = allowParams(req, ['unread', 'limit', 'cursor']);
    if (q.unread !== undefined && q.unread !== 'true' && q.unread !== 'false')
      throw new KehuError('BAD_REQUEST', { detail: 'unread' });
    return listNotifications(ctxOf(req), { unread: q.unread === 'true', limit: limitOf(q.limit), cursor: q.cursor });
  });

  app.get(
    '/api/notifications/unread-count',
    { config: { summary: 'My unread notifications (NOTIF-1)' } },
    async (req) => {
      allowParams(req, []);
      return { data: { count: await unreadCount(ctxOf(req)) } };
    },
  );

  app.post(
    '/api/notifications/read',
    { config: { summary: 'Mark notifications read: { ids } or { all: true }' } },
    async (req) => {
      allowParams(req, []);
      const ctx = ctxOf(req);
      const result = await markRead(ctx, bodyOf(req, ['ids', 'all']));
      return { data: { ...result, unread: await unreadCount(ctx) } };
    },
  );

  app.get(
    '/api/notifications/preferences',
    { config: { summary: 'My channels per notification kind (NOTIF-2)' } },
    async (req) => {
      allowParams(req, []);
      return { data: await preferences(ctxOf(req)) };
    },
  );

  app.put(
    '/api/notifications/preferences',
    { config: { summary: 'Set my channels: { items: [{ kind, inApp, email }] }' } },
    async (req) => {
      allowParams(req, []);
      return { data: await setPreferences(ctxOf(req), bodyOf(req, ['items']).items) };
    },
  );
}
