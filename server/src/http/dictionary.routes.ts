import type { FastifyInstance } from 'fastify';
import { listDictionary } from '../engine/dictionary/list.ts';
import { saveDictionaryField } from '../engine/dictionary/save.ts';
import type { Engine } from '../engine/kernel.ts';
import { allowParams, bodyOf, ctxOf } from './context.ts';

/**
 * The data dictionary (WF-7), for administrators: every picklist with its options and usage counts, and the edit
 * of one field's whole ordered option list (logged in the operation log with what changed).
 */
export function registerDictionaryRoutes(app: FastifyInstance, _engine: Engine): void {
  app.get(
    '/api/dictionary',
    { config: { summary: 'Data dictionary: every picklist with usage counts' } },
    async (req) => {
      allowParams(req, []);
      return { data: await listDictionary(ctxOf(req)) };
    },
  );

  app.patch(
    '/api/dictionary/:object/:field',
    { config: { summary: "Data dictionary: replace a picklist's ordered options" } },
    async (req) => {
      allowParams(req, []);
      const ctx = ctxOf(req);
      const body = bodyOf(req, ['options', 'version']);
      const { object, field } = req.params as { object: string; field: string };
      const saved = await saveDictionaryField(ctx, object, field, body);
      req.oplogDetail = saved.summary;
      return { data: saved.field };
    },
  );
}
