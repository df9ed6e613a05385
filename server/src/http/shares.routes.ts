import type { FastifyInstance } from 'fastify';
import { listShares, type ShareInput, shareRecord, unshareRecord } from '../engine/access/shares.ts';
import type { Engine } from '../engine/kernel.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, ctxOf } from './context.ts';

type P = { object: string; id: string; shareId: string };

/**
 * Record shares (SEC-4): `GET/POST /api/objects/:object/:id/shares`, `DELETE …/shares/:shareId`. Giving and
 * removing a share needs the owner, an administrator or the `share` right, and never exceeds what one holds.
 */
export function registerShareRoutes(app: FastifyInstance, _engine: Engine): void {
  app.get<{ Params: P }>('/api/objects/:object/:id/shares', async (req) => {
    allowParams(req, []);
    return { data: await listShares(ctxOf(req), req.params.object, recordId(req.params.id)) };
  });
  app.post<{ Params: P }>('/api/objects/:object/:id/shares', async (req, reply) => {
    allowParams(req, []);
    const body = (req.body ?? {}) as ShareInput;
    return reply
      .status(201)
      .send({ data: await shareRecord(ctxOf(req), req.params.object, recordId(req.params.id), body) });
  });
  app.delete<{ Params: P }>('/api/objects/:object/:id/shares/:shareId', async (req) => {
    allowParams(req, []);
    await unshareRecord(ctxOf(req), req.params.object, recordId(req.params.id), recordId(req.params.shareId));
    return { data: { ok: true } };
  });
}
