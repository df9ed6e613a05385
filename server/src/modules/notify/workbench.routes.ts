import type { FastifyInstance } from 'fastify';
import { KehuError, validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { getRecord } from '../../engine/query/list.ts';
import { recordId } from '../../engine/records/save.ts';
import { allowParams, ctxOf } from '../../http/context.ts';
import { runAlert } from './alerts.job.ts';
import { type WorkbenchParams, workbench } from './workbench.ts';

function intParam(v: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw validationFailed({ [name]: n < min ? 'tooSmall' : 'tooLarge' });
  return n;
}

/** The workbench (TEAM-5) and running an alert now (to try a new rule). */
export function registerWorkbenchRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/api/workbench', { config: { summary: 'My workbench sections (TEAM-5)' } }, async (req) => {
    const q = allowParams(req, ['noContactMonths', 'receivablesAbove', 'limit', 'sections']);
    const amount = q.receivablesAbove ?? '0';
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(amount)) throw validationFailed({ receivablesAbove: 'format' });
    const p: WorkbenchParams = {
      noContactMonths: intParam(q.noContactMonths, 'noContactMonths', 1, 120, 3),
      receivablesAbove: amount,
      limit: intParam(q.limit, 'limit', 1, 50, 10),
    };
    const only = q.sections ? q.sections.split(',') : undefined;
    return { data: { sections: await workbench(engine, ctxOf(req), p, only) } };
  });

  app.post(
    '/api/alert-rules/:id/run',
    { config: { summary: 'Run an alert now (notifies its owner)' } },
    async (req) => {
      allowParams(req, []);
      const ctx = ctxOf(req);
      const id = recordId((req.params as { id: string }).id);
      // Only someone who may change the rule runs it (it notifies its owner).
      await getRecord(ctx, engine.registry.get('alertRule'), id, { op: 'update' });
      const count = await runAlert(engine, id, `manual:${new Date().toISOString()}`);
      if (count === null) throw new KehuError('NOT_FOUND');
      return { data: { count } };
    },
  );
}
