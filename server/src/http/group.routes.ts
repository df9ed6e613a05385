import type { FastifyInstance } from 'fastify';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { parseFilterParam } from '../engine/query/filter.ts';
import { groupRecords } from '../engine/query/group.ts';
import { allowParams, ctxOf } from './context.ts';

const list = (v: string | undefined) => (v === undefined || v === '' ? [] : v.split(','));

/** Grouped counts and aggregates for tables and charts (RPT-2, CUS-4). */
export function registerGroupRoutes(app: FastifyInstance, engine: Engine): void {
  app.get<{ Params: { object: string } }>('/api/objects/:object/group', async (req) => {
    const p = allowParams(req, ['by', 'measures', 'filter', 'q', 'sort', 'limit']);
    const limit = p.limit === undefined ? undefined : Number(p.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) {
      throw new KehuError('BAD_REQUEST', { detail: 'limit' });
    }
    return groupRecords(ctxOf(req), engine.registry.get(req.params.object), {
      by: list(p.by),
      measures: list(p.measures),
      filter: parseFilterParam(p.filter),
      q: p.q,
      sort: p.sort || undefined,
      limit,
    });
  });
}
