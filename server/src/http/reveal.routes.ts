import type { FastifyInstance } from 'fastify';
import { revealField } from '../engine/access/reveal.ts';
import type { Engine } from '../engine/kernel.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, ctxOf } from './context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Extra words for the operation log entry of this request. */
    oplogDetail?: string;
  }
}

/** `POST /api/objects/:object/:id/reveal { field }`: an audited look at a masked phone or email (SEC-14). */
export function registerRevealRoutes(app: FastifyInstance, _engine: Engine): void {
  app.post<{ Params: { object: string; id: string } }>('/api/objects/:object/:id/reveal', async (req) => {
    allowParams(req, []);
    const field = (req.body as Record<string, unknown> | undefined)?.field;
    req.oplogDetail = `reveal ${String(field).slice(0, 60)}`;
    return { data: { field, value: await revealField(ctxOf(req), req.params.object, recordId(req.params.id), field) } };
  });
}
