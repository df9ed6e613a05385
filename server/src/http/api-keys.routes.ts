import type { FastifyInstance } from 'fastify';
import { createApiKey, revokeApiKey } from '../engine/access/api-keys.ts';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { recordId } from '../engine/records/save.ts';
import { ctxOf } from './context.ts';

type P = { id: string };

/** API keys of integrations (INT-1): administrators create them (the key is shown once) and revoke them. */
export function registerApiKeyRoutes(app: FastifyInstance, _engine: Engine): void {
  const adminCtx = (req: Parameters<typeof ctxOf>[0]) => {
    const ctx = ctxOf(req);
    if (!ctx.actor.isAdmin) throw new KehuError('FORBIDDEN');
    return ctx;
  };

  app.post('/api/auth/api-keys', async (req, reply) => {
    const ctx = adminCtx(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(body)) {
      if (!['name', 'role', 'expiresAt'].includes(k)) throw new KehuError('UNKNOWN_FIELD', { field: k.slice(0, 40) });
    }
    const { record, key } = await createApiKey(ctx, body);
    reply.status(201);
    return { data: { id: record.id, key, apiKey: record } };
  });

  const revoke = async (req: Parameters<typeof ctxOf>[0] & { params: P }) => {
    const ctx = adminCtx(req);
    return { data: await revokeApiKey(ctx, recordId(req.params.id)) };
  };
  app.post<{ Params: P }>('/api/auth/api-keys/:id/revoke', revoke);
  app.delete<{ Params: P }>('/api/auth/api-keys/:id', revoke);
}
