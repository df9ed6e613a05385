import type { FastifyInstance } from 'fastify';
import {
  createDelegation,
  type DelegationInput,
  listDelegations,
  revokeDelegation,
} from '../engine/access/delegation.ts';
import type { Engine } from '../engine/kernel.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, ctxOf } from './context.ts';

/**
 * Delegation (SEC-6). The delegate then acts with the header `X-Kehu-On-Behalf-Of: <user id>`; history
 * and the operation log record "B on behalf of A".
 */
export function registerDelegationRoutes(app: FastifyInstance, _engine: Engine): void {
  app.get('/api/delegations', async (req) => {
    allowParams(req, []);
    return { data: await listDelegations(ctxOf(req)) };
  });
  app.post('/api/delegations', async (req, reply) => {
    allowParams(req, []);
    return reply.status(201).send({ data: await createDelegation(ctxOf(req), (req.body ?? {}) as DelegationInput) });
  });
  app.post<{ Params: { id: string } }>('/api/delegations/:id/revoke', async (req) => {
    allowParams(req, []);
    await revokeDelegation(ctxOf(req), recordId(req.params.id));
    return { data: { ok: true } };
  });
}
