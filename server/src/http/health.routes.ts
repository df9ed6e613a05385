import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Engine } from '../engine/kernel.ts';

/** Liveness and readiness (OPS-3). */
export function registerHealthRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/api/health', async () => ({ data: { status: 'ok' } }));
  app.get('/api/ready', async (_req, reply) => {
    try {
      await sql`select 1`.execute(engine.db);
      return { data: { status: 'ready' } };
    } catch {
      return reply.status(503).send({ error: { code: 'INTERNAL', message: 'database unavailable' } });
    }
  });
}
