import type { Filter } from '@kehu/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { type BulkSelection, bulkDelete, bulkUpdate } from '../engine/records/bulk.ts';
import { allowParams, ctxOf } from './context.ts';
import { expensiveRouteLimit } from './rate-limits.ts';

type P = { object: string };

/** `{ ids }` or `{ filter }` (plus `values` for updates); anything else is refused. */
function readBody(req: FastifyRequest, allowed: string[]): { sel: BulkSelection; values?: unknown } {
  allowParams(req, []);
  const b = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b))
    throw new KehuError('BAD_REQUEST', { detail: 'body must be a JSON object' });
  const body = b as Record<string, unknown>;
  for (const k of Object.keys(body))
    if (!allowed.includes(k)) throw new KehuError('UNKNOWN_PARAMETER', { parameter: k.slice(0, 40) });
  return {
    sel: { ids: body.ids as number[] | undefined, filter: body.filter as Filter | undefined },
    values: body.values,
  };
}

/** Bulk update and delete (INT-1): all records in one transaction through the records pipeline. */
export function registerBulkRoutes(app: FastifyInstance, _engine: Engine): void {
  app.post<{ Params: P }>('/api/objects/:object/bulk-update', { config: expensiveRouteLimit }, async (req) => {
    const ctx = ctxOf(req);
    const { sel, values } = readBody(req, ['ids', 'filter', 'values']);
    return { data: await bulkUpdate(ctx, req.params.object, sel, values) };
  });

  app.post<{ Params: P }>('/api/objects/:object/bulk-delete', { config: expensiveRouteLimit }, async (req) => {
    const ctx = ctxOf(req);
    const { sel } = readBody(req, ['ids', 'filter']);
    return { data: await bulkDelete(ctx, req.params.object, sel) };
  });
}
