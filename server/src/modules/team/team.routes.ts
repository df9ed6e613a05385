import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KehuError } from '../../engine/errors.ts';
import { recordId } from '../../engine/records/save.ts';
import { allowParams, bodyOf, ctxOf } from '../../http/context.ts';
import { addressBook } from './address-book.ts';
import { calendar } from './calendar.ts';
import { payExpense, submitExpense, withdrawExpense } from './expenses.ts';
import { moveOccurrence, skipOccurrence } from './occurrences.ts';
import { activitiesOf } from './timeline.ts';
import { missingReports, reportDraft } from './work-reports.ts';

type Id = { Params: { id: string } };

function timelineQuery(req: FastifyRequest) {
  const p = allowParams(req, ['cursor', 'limit', 'types']);
  const limit = p.limit === undefined ? undefined : Number(p.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500))
    throw new KehuError('BAD_REQUEST', { detail: 'limit' });
  return { cursor: p.cursor || undefined, limit, types: p.types ? p.types.split(',') : undefined };
}

/** HTTP API of the team module (see README.md beside this file). */
export function registerTeamRoutes(app: FastifyInstance): void {
  app.get<Id>('/api/customers/:id/timeline', async (req) =>
    activitiesOf(ctxOf(req), 'customer', recordId(req.params.id), timelineQuery(req)),
  );

  app.get<{ Params: { object: string; id: string } }>('/api/objects/:object/:id/activities', async (req) =>
    activitiesOf(ctxOf(req), req.params.object, recordId(req.params.id), timelineQuery(req)),
  );

  app.get('/api/calendar', async (req) => {
    const p = allowParams(req, ['from', 'to', 'users']);
    return { data: await calendar(ctxOf(req), p) };
  });

  app.post<Id>('/api/calendar/events/:id/skip', async (req) => {
    allowParams(req, []);
    return { data: await skipOccurrence(ctxOf(req), recordId(req.params.id), bodyOf(req, ['originalStart'])) };
  });

  app.post<Id>('/api/calendar/events/:id/move', async (req, reply) => {
    allowParams(req, []);
    const data = await moveOccurrence(
      ctxOf(req),
      recordId(req.params.id),
      bodyOf(req, ['originalStart', 'start', 'end']),
    );
    return reply.status(201).send({ data });
  });

  app.get('/api/work-reports/draft', async (req) => {
    const p = allowParams(req, ['kind', 'date']);
    return { data: await reportDraft(ctxOf(req), p.kind ?? 'daily', p.date) };
  });

  app.get('/api/work-reports/missing', async (req) => {
    const p = allowParams(req, ['kind', 'date']);
    return { data: await missingReports(ctxOf(req), p.kind ?? 'daily', p.date) };
  });

  app.post<Id>('/api/expenses/:id/submit', async (req) => {
    allowParams(req, []);
    const b = bodyOf(req, ['chosen']);
    return { data: await submitExpense(ctxOf(req), recordId(req.params.id), b.chosen as Record<string, number[]>) };
  });

  app.post<Id>('/api/expenses/:id/pay', async (req) => {
    allowParams(req, []);
    bodyOf(req, []);
    return { data: await payExpense(ctxOf(req), recordId(req.params.id)) };
  });

  app.post<Id>('/api/expenses/:id/withdraw', async (req) => {
    allowParams(req, []);
    bodyOf(req, []);
    return { data: await withdrawExpense(ctxOf(req), recordId(req.params.id)) };
  });

  app.get('/api/address-book', async (req) => {
    const p = allowParams(req, ['department', 'q', 'cursor', 'limit']);
    return addressBook(ctxOf(req), p);
  });
}
