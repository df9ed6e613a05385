import type { FastifyInstance } from 'fastify';
import { dryRun, listRules, ruleRuns, saveRule } from '../engine/automation/store.ts';
import type { Engine } from '../engine/kernel.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, bodyOf, ctxOf } from './context.ts';

/** Automation rules (WF-6), for administrators: rules, a dry run of a definition, and each rule's run log. */
export function registerAutomationRoutes(app: FastifyInstance, _engine: Engine): void {
  app.get('/api/automation/rules', async (req) => {
    const q = allowParams(req, ['object']);
    return { data: await listRules(ctxOf(req), q.object) };
  });
  app.post('/api/automation/rules', async (req, reply) => {
    allowParams(req, []);
    const b = bodyOf(req, ['object', 'name', 'definition', 'active']);
    return reply.status(201).send({ data: await saveRule(ctxOf(req), undefined, b) });
  });
  app.patch<{ Params: { id: string } }>('/api/automation/rules/:id', async (req) => {
    allowParams(req, []);
    const b = bodyOf(req, ['name', 'definition', 'active']);
    return { data: await saveRule(ctxOf(req), recordId(req.params.id), b) };
  });
  app.get<{ Params: { id: string } }>('/api/automation/rules/:id/runs', async (req) => {
    allowParams(req, []);
    return { data: await ruleRuns(ctxOf(req), recordId(req.params.id)) };
  });
  app.post('/api/automation/dry-run', async (req) => {
    allowParams(req, []);
    const b = bodyOf(req, ['object', 'definition']);
    return { data: await dryRun(ctxOf(req), String(b.object ?? ''), b.definition) };
  });
}
