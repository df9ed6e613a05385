import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/kernel.ts';
import { listRelated } from '../engine/query/related.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, ctxOf } from './context.ts';
import { toListQuery } from './objects.routes.ts';

type P = { object: string; id: string; field: string };

/** Related lists (a customer's contacts): the target's list, limited to records pointing at this one. */
export function registerRelatedRoutes(app: FastifyInstance, engine: Engine): void {
  app.get<{ Params: P }>('/api/objects/:object/:id/related/:field', async (req) => {
    const ctx = ctxOf(req);
    const q = toListQuery(allowParams(req, ['filter', 'sort', 'limit', 'cursor', 'count', 'q']), false);
    return listRelated(ctx, engine.registry.get(req.params.object), recordId(req.params.id), req.params.field, q);
  });
}
