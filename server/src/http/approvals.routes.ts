import type { FastifyInstance } from 'fastify';
import { KehuError } from '../engine/errors.ts';
import { actOnInstance, actOnTask, type TaskAction } from '../engine/flows/actions.ts';
import { commentFile } from '../engine/flows/comment-files.ts';
import { type Box, boxes, inbox, inboxCounts, instanceDetail } from '../engine/flows/inbox.ts';
import { recordApprovals } from '../engine/flows/record-approvals.ts';
import { previewSubmit, submitForApproval } from '../engine/flows/submit.ts';
import type { Engine } from '../engine/kernel.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, bodyOf, ctxOf } from './context.ts';
import { sendFile } from './files.routes.ts';

const taskActions: TaskAction[] = ['approve', 'reject', 'return', 'transfer', 'addSign'];
const instanceActions = ['withdraw', 'urge', 'comment'] as const;

function submitInput(b: Record<string, unknown>) {
  if (typeof b.object !== 'string') throw new KehuError('UNKNOWN_OBJECT', { object: String(b.object ?? '') });
  return {
    object: b.object,
    recordId: recordId(b.recordId),
    flow: typeof b.flow === 'string' ? b.flow : undefined,
    chosen: b.chosen as Record<string, number[]> | undefined,
    comment: typeof b.comment === 'string' ? b.comment : undefined,
  };
}

/** Approvals for everyone (WF-4): submit with the predicted path, the inbox, and the commands on tasks. */
export function registerApprovalRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/api/approvals/inbox', async (req) => {
    const q = allowParams(req, ['box', 'before', 'limit']);
    const box = (q.box ?? 'todo') as Box;
    if (!boxes.includes(box)) throw new KehuError('UNKNOWN_PARAMETER', { parameter: 'box' });
    const before = q.before ? recordId(q.before) : undefined;
    const limit = q.limit ? Math.max(1, Math.min(200, Number(q.limit) || 50)) : undefined;
    return { data: await inbox(ctxOf(req), box, { before, limit }) };
  });
  app.get('/api/approvals/counts', async (req) => {
    allowParams(req, []);
    return { data: await inboxCounts(ctxOf(req)) };
  });
  app.get<{ Params: { id: string } }>('/api/approvals/instances/:id', async (req) => {
    allowParams(req, []);
    return { data: await instanceDetail(ctxOf(req), recordId(req.params.id)) };
  });
  /** An attachment of a comment on the instance, for the people who see the instance. */
  app.get<{ Params: { id: string; fileId: string } }>(
    '/api/approvals/instances/:id/files/:fileId',
    async (req, reply) => {
      const { inline } = allowParams(req, ['inline']);
      const file = await commentFile(ctxOf(req), recordId(req.params.id), recordId(req.params.fileId));
      return sendFile(engine, reply, file, inline === 'true');
    },
  );
  app.get<{ Params: { object: string; id: string } }>('/api/approvals/records/:object/:id', async (req) => {
    allowParams(req, []);
    return { data: await recordApprovals(ctxOf(req), req.params.object, recordId(req.params.id)) };
  });
  app.post('/api/approvals/preview', async (req) => {
    allowParams(req, []);
    const b = bodyOf(req, ['object', 'recordId', 'flow', 'chosen']);
    return { data: await previewSubmit(ctxOf(req), submitInput(b)) };
  });
  app.post('/api/approvals/submit', async (req, reply) => {
    allowParams(req, []);
    const b = bodyOf(req, ['object', 'recordId', 'flow', 'chosen', 'comment']);
    return reply.status(201).send({ data: await submitForApproval(ctxOf(req), submitInput(b)) });
  });
  app.post<{ Params: { id: string; action: string } }>('/api/approvals/tasks/:id/:action', async (req) => {
    allowParams(req, []);
    const action = req.params.action as TaskAction;
    if (!taskActions.includes(action)) throw new KehuError('NOT_FOUND');
    const b = bodyOf(req, ['comment', 'to', 'user', 'users', 'position']);
    return { data: await actOnTask(ctxOf(req), recordId(req.params.id), action, b) };
  });
  app.post<{ Params: { id: string; action: string } }>('/api/approvals/instances/:id/:action', async (req) => {
    allowParams(req, []);
    const action = req.params.action as (typeof instanceActions)[number];
    if (!instanceActions.includes(action)) throw new KehuError('NOT_FOUND');
    const b = bodyOf(req, ['comment', 'files']);
    return { data: await actOnInstance(ctxOf(req), recordId(req.params.id), action, b) };
  });
}
