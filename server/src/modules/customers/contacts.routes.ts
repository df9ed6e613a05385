import type { FastifyInstance } from 'fastify';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { allowParams, bodyOf, ctxOf } from '../../http/context.ts';
import { expensiveRouteLimit } from '../../http/rate-limits.ts';
import { birthdaysOfMonth } from './birthdays.ts';
import { parseGroupEmail, type RecipientStatus, sendGroupEmail } from './group-email.ts';
import { orgChart } from './org-chart.ts';

/** Contacts (CUS-10): org chart per customer, birthdays of a month, group email. */
export function registerContactRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/api/customers/:id/org-chart',
    { config: { summary: "Org chart of a customer's contacts (CUS-10)" } },
    async (req) => {
      allowParams(req, []);
      const { id } = req.params as { id: string };
      if (!/^\d{1,15}$/.test(id)) throw new KehuError('NOT_FOUND');
      return { data: await orgChart(ctxOf(req), Number(id)) };
    },
  );

  app.get(
    '/api/contacts/birthdays',
    { config: { summary: 'Contacts with a birthday in a month (CUS-10)' } },
    async (req) => {
      const q = allowParams(req, ['month']);
      return { data: await birthdaysOfMonth(ctxOf(req), q.month || undefined) };
    },
  );

  const emailConfig = { ...expensiveRouteLimit, summary: 'Group email to contacts, one message each (CUS-10)' };
  app.post('/api/contacts/email', { config: emailConfig }, async (req) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    const input = parseGroupEmail(bodyOf(req, ['ids', 'subject', 'body']));
    const results = await sendGroupEmail(ctx, engine.mail, input);
    const count = (s: RecipientStatus) => results.filter((r) => r.status === s).length;
    const summary = {
      sent: count('sent'),
      noEmail: count('noEmail'),
      notAllowed: count('notAllowed'),
      failed: count('failed'),
    };
    req.oplogDetail = `group email to ${results.length}: ${Object.entries(summary)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`;
    return { data: { results, summary } };
  });
}
