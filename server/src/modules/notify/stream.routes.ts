import type { FastifyInstance } from 'fastify';
import { sessionAlive } from '../../engine/access/sessions.ts';
import { type Ctx, subjectOf } from '../../engine/context.ts';
import type { LiveMessage } from '../../engine/events/live.ts';
import type { Engine } from '../../engine/kernel.ts';
import { allowParams, ctxOf } from '../../http/context.ts';
import { readNotification, unreadCount } from './inbox.ts';

/** Comment lines keep proxies from closing an idle stream; each one also re-checks the session. */
export const heartbeatMs = 25_000;

/**
 * `GET /api/notifications/stream` (NOTIF-1): Server-Sent Events with the signed-in user's unread count and new
 * notifications (and `metadata` when administrators changed picklist options, WF-7, so that pages reload them), fed by the engine's LISTEN/NOTIFY channel so that a notification written by any process
 * reaches every open page. Streams end when the client goes, the session ends, or the server closes.
 */
export function registerStreamRoutes(app: FastifyInstance, engine: Engine): void {
  const open = new Set<() => void>();
  // Before the server stops accepting: open streams would otherwise keep `app.close()` waiting forever.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/api/notifications/stream',
    { config: { summary: 'Server-Sent Events: unread count and new notifications' } },
    async (req, reply) => {
      allowParams(req, []);
      const ctx = ctxOf(req);
      const token = req.sessionToken;
      const res = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let ended = false;
      const send = (event: string, data: unknown) => {
        if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const counter = coalesced(async () => send('unread', { count: await unreadCount(ctx) }));
      const onMessage = (m: LiveMessage) => {
        if (m.type === 'notification' && typeof m.data.id === 'number') {
          void pushNotification(ctx, m.data.id, send).then(counter);
        } else if (m.type === 'metadata') send('metadata', {});
        else counter();
      };
      const unsubscribe = engine.live.subscribe(subjectOf(ctx.actor), onMessage);
      const heartbeat = setInterval(() => {
        res.write(': ping\n\n');
        if (token)
          void sessionAlive(engine.db, token).then(
            (alive) => alive || end(),
            () => undefined,
          );
      }, heartbeatMs);
      heartbeat.unref();
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        res.end();
      };
      open.add(end);
      res.on('close', end);
      res.write('retry: 5000\n\n');
      counter();
    },
  );
}

async function pushNotification(ctx: Ctx, id: number, send: (e: string, d: unknown) => void): Promise<void> {
  for (const wait of [0, 250]) {
    // Cautious, as for metadata: a notification may overtake the visibility of the commit that sent it.
    if (wait) await new Promise((r) => setTimeout(r, wait));
    try {
      send('notification', await readNotification(ctx, id));
      return;
    } catch {
      /* not visible yet, deleted meanwhile, or not this reader's: the count still follows */
    }
  }
}

/** Run `fn` now, or once more after the running call if asked again meanwhile (a burst costs two queries). */
function coalesced(fn: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    fn()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
}
