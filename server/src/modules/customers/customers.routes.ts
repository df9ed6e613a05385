import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { allowParams, ctxOf } from '../../http/context.ts';
import { findContactDuplicates } from './contact-duplicates.ts';
import { registerContactRoutes } from './contacts.routes.ts';
import { findDuplicates } from './duplicates.ts';
import { registerOwnershipRoutes } from './ownership.routes.ts';

/** A JSON object body with only the given keys (unknown ones are refused, never ignored). */
function body(req: FastifyRequest, keys: readonly string[]): Record<string, unknown> {
  const b = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b))
    throw new KehuError('BAD_REQUEST', { detail: 'body must be a JSON object' });
  for (const k of Object.keys(b))
    if (!keys.includes(k)) throw new KehuError('UNKNOWN_PARAMETER', { parameter: k.slice(0, 40) });
  return b as Record<string, unknown>;
}

/** Duplicate checks while a customer or contact is typed (CUS-5). */
export function registerCustomerRoutes(app: FastifyInstance, engine: Engine): void {
  registerContactRoutes(app, engine);
  registerOwnershipRoutes(app, engine);
  app.post('/api/customers/duplicates', async (req) => {
    allowParams(req, []);
    const input = body(req, ['name', 'phone', 'email', 'creditCode', 'excludeId']);
    return { data: await findDuplicates(ctxOf(req), input) };
  });

  app.post('/api/contacts/duplicates', async (req) => {
    allowParams(req, []);
    const input = body(req, ['name', 'mobile', 'email', 'customer', 'excludeId']);
    return { data: await findContactDuplicates(ctxOf(req), input) };
  });
}
