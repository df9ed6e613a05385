import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/kernel.ts';
import { allowParams, bodyOf, ctxOf } from '../../http/context.ts';
import { findContactDuplicates } from './contact-duplicates.ts';
import { registerContactRoutes } from './contacts.routes.ts';
import { findDuplicates } from './duplicates.ts';
import { registerOwnershipRoutes } from './ownership.routes.ts';

/** Duplicate checks while a customer or contact is typed (CUS-5). */
export function registerCustomerRoutes(app: FastifyInstance, engine: Engine): void {
  registerContactRoutes(app, engine);
  registerOwnershipRoutes(app, engine);
  app.post('/api/customers/duplicates', async (req) => {
    allowParams(req, []);
    const input = bodyOf(req, ['name', 'phone', 'email', 'creditCode', 'excludeId']);
    return { data: await findDuplicates(ctxOf(req), input) };
  });

  app.post('/api/contacts/duplicates', async (req) => {
    allowParams(req, []);
    const input = bodyOf(req, ['name', 'mobile', 'email', 'customer', 'excludeId']);
    return { data: await findContactDuplicates(ctxOf(req), input) };
  });
}
