import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/kernel.ts';
import { allowParams, bodyOf, ctxOf } from '../../http/context.ts';
import { exactContactValues, findContactDuplicates } from './contact-duplicates.ts';
import { registerContactRoutes } from './contacts.routes.ts';
import { duplicateGuard } from './duplicate-guard.ts';
import { exactCustomerValues, findDuplicates } from './duplicates.ts';
import { registerFirstContactRoute } from './first-contact.ts';
import { registerOwnershipRoutes } from './ownership.routes.ts';

/**
 * Duplicate checks while a customer or contact is typed (CUS-5). A check that carries a full phone, email or
 * credit code is rate limited and written to the operation log like a reveal (SEC-14, duplicate-guard.ts).
 */
export function registerCustomerRoutes(app: FastifyInstance, engine: Engine): void {
  registerContactRoutes(app, engine);
  registerOwnershipRoutes(app, engine);
  registerFirstContactRoute(app);
  const customers = duplicateGuard(app, engine, 'customer', exactCustomerValues);
  app.post('/api/customers/duplicates', { preHandler: customers.preHandler, onSend: customers.onSend }, async (req) => {
    allowParams(req, []);
    const input = bodyOf(req, ['name', 'phone', 'email', 'creditCode', 'excludeId']);
    const data = await findDuplicates(ctxOf(req), input);
    customers.answered(req, data);
    return { data };
  });

  const contacts = duplicateGuard(app, engine, 'contact', exactContactValues);
  app.post('/api/contacts/duplicates', { preHandler: contacts.preHandler, onSend: contacts.onSend }, async (req) => {
    allowParams(req, []);
    const input = bodyOf(req, ['name', 'mobile', 'email', 'customer', 'excludeId']);
    const data = await findContactDuplicates(ctxOf(req), input);
    contacts.answered(req, data);
    return { data };
  });
}
