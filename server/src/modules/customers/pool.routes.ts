import type { FastifyInstance } from 'fastify';
import { validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { recordId } from '../../engine/records/save.ts';
import { allowParams, bodyOf, ctxOf } from '../../http/context.ts';
import { isId } from './ownership-input.ts';
import { claimFromPool, poolQuota, releaseToPool } from './pool.service.ts';

/**
 * The shared pool (公海, CUS-7). Listing it is the generic customer list filtered by `inPool`: the pool's
 * department share makes its customers readable to the salespeople it serves.
 */
export function registerPoolRoutes(app: FastifyInstance, engine: Engine): void {
  app.post<{ Params: { id: string } }>('/api/customers/:id/release', async (req) => {
    allowParams(req, []);
    const b = bodyOf(req, ['pool']);
    if (b.pool !== undefined && b.pool !== null && !isId(b.pool)) throw validationFailed({ pool: 'type' });
    return { data: await releaseToPool(engine, ctxOf(req), recordId(req.params.id), (b.pool as number) ?? null) };
  });

  app.post<{ Params: { id: string } }>('/api/customers/:id/claim', async (req) => {
    allowParams(req, []);
    bodyOf(req, []);
    return { data: await claimFromPool(engine, ctxOf(req), recordId(req.params.id)) };
  });

  app.get('/api/customers/pool/quota', async (req) => {
    allowParams(req, []);
    return { data: await poolQuota(engine, ctxOf(req)) };
  });
}
