import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Engine } from '../engine/kernel.ts';

const unsafe = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * The operation log (SEC-11): every data-changing API call by a signed-in user, whatever its outcome. Written
 * before the response leaves, so that a client that got its answer also finds the log entry.
 */
export function registerOperationLog(app: FastifyInstance, engine: Engine): void {
  app.addHook('onSend', async (req, reply) => {
    if (!unsafe.has(req.method) || !req.kehu || !req.url.startsWith('/api/')) return;
    // Reads sent as POST only because their input is long: list queries and duplicate checks.
    if (/\/(query|duplicates)(\?|$)/.test(req.url)) return;
    const route = req.routeOptions.url ?? req.url;
    const params = (req.params ?? {}) as Record<string, string>;
    const action = `${req.method} ${route}`;
    const id = params.id && /^\d{1,15}$/.test(params.id) ? Number(params.id) : null;
    try {
      await sql`insert into obj_operation_log (at, actor_id, on_behalf_of_id, ip, user_agent, method, action, path, target_object, record_id, status, detail, created_by, updated_by)
        values (now(), ${req.kehu.actor.userId || null}, ${req.kehu.actor.onBehalfOf ?? null}, ${req.ip}, ${req.headers['user-agent']?.slice(0, 500) ?? null}, ${req.method},
          ${action}, ${req.url.split('?')[0].slice(0, 500)}, ${params.object ?? null}, ${id}, ${reply.statusCode}, ${req.oplogDetail ?? null},
          ${req.kehu.actor.userId || null}, ${req.kehu.actor.userId || null})`.execute(engine.db);
    } catch (err) {
      req.log.error({ err }, 'operation log write failed');
    }
  });
}
