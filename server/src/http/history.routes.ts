import type { FastifyInstance } from 'fastify';
import { listHistory } from '../engine/history/read.ts';
import type { Engine } from '../engine/kernel.ts';
import { listRecords } from '../engine/query/list.ts';
import { restoreVersion, undeleteRecord } from '../engine/records/remove.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, ctxOf } from './context.ts';

type P = { object: string; id: string };

/** History, restore and the recycle bin (SEC-10). */
export function registerHistoryRoutes(app: FastifyInstance, engine: Engine): void {
  app.get<{ Params: P }>('/api/objects/:object/:id/history', async (req) => {
    allowParams(req, []);
    return { data: await listHistory(ctxOf(req), engine.registry.get(req.params.object), recordId(req.params.id)) };
  });

  /** `{ "version": n }` restores that version as a new one; without a version it takes a record out of the recycle bin. */
  app.post<{ Params: P }>('/api/objects/:object/:id/restore', async (req) => {
    allowParams(req, []);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const ctx = ctxOf(req);
    const id = recordId(req.params.id);
    if (body.version === undefined) return { data: await undeleteRecord(ctx, req.params.object, id) };
    return { data: await restoreVersion(ctx, req.params.object, id, body.version) };
  });

  /** The recycle bin of one object: deleted records the caller could see, newest deletions first. */
  app.get<{ Params: { object: string } }>('/api/recycle-bin/:object', async (req) => {
    const { cursor, limit } = allowParams(req, ['cursor', 'limit']);
    return listRecords(ctxOf(req), engine.registry.get(req.params.object), {
      deleted: true,
      cursor,
      limit: limit ? Number(limit) : undefined,
      sort: [{ field: 'updatedAt', dir: 'desc' }],
    });
  });
}
