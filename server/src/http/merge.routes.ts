import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/kernel.ts';
import { mergeRecords } from '../engine/records/merge.ts';
import { listMerges, undoMerge } from '../engine/records/merge-undo.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, ctxOf } from './context.ts';

/** Merge records of any object and undo a merge (CUS-6). */
export function registerMergeRoutes(app: FastifyInstance, engine: Engine): void {
  /** `{ survivor, merged: [ids], values?: { field: sourceRecordId } }` */
  app.post<{ Params: { object: string } }>('/api/objects/:object/merge', async (req) => {
    allowParams(req, []);
    engine.registry.get(req.params.object);
    const result = await mergeRecords(ctxOf(req), req.params.object, req.body ?? {});
    // The operation log names the records (SEC-11): merge id, survivor and merged ids.
    const b = req.body as { merged?: unknown[] };
    req.oplogDetail = `merge ${result.merge.id}: ${(b.merged ?? [])
      .map((x) => JSON.stringify(x))
      .join(',')
      .slice(0, 300)} → ${result.record.id}`;
    return { data: result };
  });

  app.post<{ Params: { id: string } }>('/api/merges/:id/undo', async (req) => {
    allowParams(req, []);
    const result = await undoMerge(ctxOf(req), recordId(req.params.id));
    req.oplogDetail = `undo merge ${result.merge.id}`;
    return { data: result };
  });

  app.get<{ Params: { object: string; id: string } }>('/api/objects/:object/:id/merges', async (req) => {
    allowParams(req, []);
    return { data: await listMerges(ctxOf(req), req.params.object, recordId(req.params.id)) };
  });
}
