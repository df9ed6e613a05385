import type { FastifyInstance } from 'fastify';
import { subjectOf } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import { recordId } from '../../engine/records/save.ts';
import { allowParams, bodyOf, ctxOf } from '../../http/context.ts';
import { conflictFor } from './ownership-conflict.ts';
import { rememberConflict } from './ownership-conflicts.ts';
import { isId, textField } from './ownership-input.ts';
import { decideTransferRequest, fileTransferRequest, requestsToDecide } from './ownership-requests.ts';
import { transferCustomers } from './ownership-transfer.ts';
import { registerPoolRoutes } from './pool.routes.ts';

/** Assignment, transfer, handover and transfer requests (CUS-7, CUS-8); the pool's routes too. */
export function registerOwnershipRoutes(app: FastifyInstance, engine: Engine): void {
  registerPoolRoutes(app, engine);

  // While a customer is typed: would saving it meet a colleague's customer (CUS-8)? Met, it may be asked for.
  app.post('/api/customers/ownership-check', async (req) => {
    allowParams(req, []);
    const b = bodyOf(req, ['name', 'creditCode', 'owner', 'excludeId']);
    const ctx = ctxOf(req);
    const owner = isId(b.owner) ? b.owner : subjectOf(ctx.actor);
    const conflict = await conflictFor(ctx, b, owner, isId(b.excludeId) ? b.excludeId : 0);
    if (conflict && !conflict.inPool) await rememberConflict(engine, ctx, conflict.customer, conflict.ownerId ?? null);
    return { data: conflict };
  });

  app.post('/api/customers/transfer', async (req) => {
    allowParams(req, []);
    const b = bodyOf(req, ['ids', 'fromOwner', 'toOwner', 'withOpen']);
    return { data: await transferCustomers(engine, ctxOf(req), b) };
  });

  app.post<{ Params: { id: string } }>('/api/customers/:id/transfer-requests', async (req, reply) => {
    allowParams(req, []);
    const b = bodyOf(req, ['reason']);
    const data = await fileTransferRequest(engine, ctxOf(req), recordId(req.params.id), textField(b, 'reason', true)!);
    return reply.status(201).send({ data });
  });

  app.get('/api/customers/transfer-requests/to-decide', async (req) => {
    allowParams(req, []);
    return { data: await requestsToDecide(ctxOf(req)) };
  });

  for (const [action, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/api/customers/transfer-requests/:id/${action}`, async (req) => {
      allowParams(req, []);
      const b = bodyOf(req, ['comment']);
      const comment = textField(b, 'comment', false);
      return { data: await decideTransferRequest(engine, ctxOf(req), recordId(req.params.id), approve, comment) };
    });
  }
}
