import type { FastifyInstance } from 'fastify';
import { regionTree } from '../engine/fields/region-data.ts';
import type { Engine } from '../engine/kernel.ts';
import { allowParams, ctxOf } from './context.ts';

/** The national division tree (province → city → district) for the web client's region cascader. */
export function registerRegionRoutes(app: FastifyInstance, _engine: Engine): void {
  app.get('/api/regions', async (req, reply) => {
    allowParams(req, []);
    ctxOf(req);
    reply.header('cache-control', 'private, max-age=86400');
    return { data: regionTree() };
  });
}
