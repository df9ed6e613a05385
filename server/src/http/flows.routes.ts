import { translate } from '@kehu/common';
import type { FastifyInstance } from 'fastify';
import { KehuError } from '../engine/errors.ts';
import { userNames } from '../engine/flows/approvers.ts';
import { flowToBpmn } from '../engine/flows/bpmn.ts';
import { loadSubmitter } from '../engine/flows/conditions.ts';
import { flowMonitor, monitorInstances } from '../engine/flows/monitor.ts';
import { parseTree } from '../engine/flows/parse.ts';
import { buildPlan, planUsers } from '../engine/flows/plan.ts';
import { flowVersions, getFlow, listFlows, publishFlow, saveFlow, validateDraft } from '../engine/flows/store.ts';
import type { Engine } from '../engine/kernel.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, bodyOf, ctxOf } from './context.ts';
import { requestLocale } from './locale.ts';

const flowKeys = ['key', 'object', 'name', 'description', 'tree', 'active'];

/** The flow designer's API (WF-2), for administrators: drafts, checks as one edits, publishing, versions, BPMN. */
export function registerFlowRoutes(app: FastifyInstance, _engine: Engine): void {
  app.get('/api/flows', async (req) => {
    const q = allowParams(req, ['object']);
    return { data: await listFlows(ctxOf(req), q.object) };
  });
  /** Monitoring (WF-5): where instances wait, time per step, slowest approvers, overdue tasks. */
  app.get('/api/flows/monitor', async (req) => {
    const q = allowParams(req, ['days']);
    return { data: await flowMonitor(ctxOf(req), { days: q.days ? Number(q.days) || 90 : undefined }) };
  });
  app.get<{ Params: { id: string } }>('/api/flows/:id/instances', async (req) => {
    const q = allowParams(req, ['step']);
    return { data: await monitorInstances(ctxOf(req), recordId(req.params.id), q.step) };
  });
  app.post('/api/flows', async (req, reply) => {
    allowParams(req, []);
    return reply.status(201).send({ data: await saveFlow(ctxOf(req), undefined, bodyOf(req, flowKeys)) });
  });
  app.get<{ Params: { id: string } }>('/api/flows/:id', async (req) => {
    allowParams(req, []);
    return { data: await getFlow(ctxOf(req), recordId(req.params.id)) };
  });
  app.patch<{ Params: { id: string } }>('/api/flows/:id', async (req) => {
    allowParams(req, []);
    const b = bodyOf(req, flowKeys);
    if (b.key !== undefined || b.object !== undefined) throw new KehuError('UNKNOWN_PARAMETER', { parameter: 'key' });
    return { data: await saveFlow(ctxOf(req), recordId(req.params.id), b) };
  });
  app.post<{ Params: { id: string } }>('/api/flows/:id/validate', async (req) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    const flow = await getFlow(ctx, recordId(req.params.id));
    const b = bodyOf(req, ['tree']);
    const problems = await validateDraft(ctx, flow.object, b.tree ?? flow.draft);
    const locale = requestLocale(req);
    return {
      data: { problems: problems.map((p) => ({ ...p, message: translate(locale, `flow.problem.${p.code}`) })) },
    };
  });
  app.post<{ Params: { id: string } }>('/api/flows/:id/publish', async (req) => {
    allowParams(req, []);
    return { data: await publishFlow(ctxOf(req), recordId(req.params.id)) };
  });
  app.get<{ Params: { id: string } }>('/api/flows/:id/versions', async (req) => {
    allowParams(req, []);
    return { data: await flowVersions(ctxOf(req), recordId(req.params.id)) };
  });
  /** The path a sample record would take under the draft, as the submitter would see it. */
  app.post<{ Params: { id: string } }>('/api/flows/:id/preview', async (req) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    const flow = await getFlow(ctx, recordId(req.params.id));
    const b = bodyOf(req, ['recordId', 'submitter', 'tree']);
    const tree = parseTree(b.tree ?? flow.draft);
    const submitter = await loadSubmitter(ctx, b.submitter === undefined ? ctx.actor.userId : recordId(b.submitter));
    const plan = await buildPlan(ctx, tree, {
      object: flow.object,
      recordId: recordId(b.recordId),
      submitter,
      chosen: {},
    });
    return { data: { plan, people: await userNames(ctx, planUsers(plan)) } };
  });
  app.get<{ Params: { id: string } }>('/api/flows/:id/bpmn', async (req, reply) => {
    const q = allowParams(req, ['version']);
    const ctx = ctxOf(req);
    const flow = await getFlow(ctx, recordId(req.params.id));
    const versions = await flowVersions(ctx, flow.id);
    const v = q.version ? versions.find((x) => String(x.version) === q.version) : versions[0];
    const tree = v ? v.tree : parseTree(flow.draft);
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${flow.key}-v${v?.version ?? 'draft'}.bpmn"`)
      .send(flowToBpmn({ key: flow.key, name: flow.name }, tree));
  });
}
