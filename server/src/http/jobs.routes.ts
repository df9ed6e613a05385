import type { FastifyInstance } from 'fastify';
import { KehuError } from '../engine/errors.ts';
import { listJobs } from '../engine/jobs/monitor.ts';
import type { Engine } from '../engine/kernel.ts';
import { allowParams, ctxOf } from './context.ts';

/** Background jobs for administrators: failed ones must be seen (GET /api/admin/jobs?state=failed). */
export function registerJobRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/api/admin/jobs', async (req) => {
    const ctx = ctxOf(req);
    if (!ctx.actor.isAdmin) throw new KehuError('FORBIDDEN');
    const q = allowParams(req, ['state', 'name', 'limit']);
    const limit = q.limit === undefined ? undefined : Number(q.limit);
    if (limit !== undefined && !Number.isInteger(limit)) throw new KehuError('BAD_REQUEST', { detail: 'limit' });
    return { data: await listJobs(engine.db, q.state ?? 'failed', { name: q.name, limit }) };
  });
}
