import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { labelText, translate } from '@kehu/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import type { FieldDef } from '../engine/metadata/types.ts';
import { parseFilterParam } from '../engine/query/filter.ts';
import { parseSort } from '../engine/query/sort.ts';
import { recordId } from '../engine/records/save.ts';
import { type ExportFile, type ExportRequest, exportRecords } from '../engine/transfer/export.ts';
import { assertExportAllowed, consumeExport, decideExport, requestExport } from '../engine/transfer/export-approval.ts';
import { assertImportAllowed, gatesOf, prepareImport, readUpload, startImport } from '../engine/transfer/import.ts';
import { importJobRow, JobRunner, readImportJob } from '../engine/transfer/import-jobs.ts';
import { parseImportOptions } from '../engine/transfer/import-options.ts';
import { errorsWorkbook, importMatches, savedChoices } from '../engine/transfer/import-report.ts';
import { importableField, matchableField, suggestMapping } from '../engine/transfer/mapping.ts';
import type { Cell } from '../engine/transfer/spreadsheet-reader.ts';
import { unmatchedValues } from '../engine/transfer/value-mapping.ts';
import { allowParams, ctxOf } from './context.ts';
import { expensiveRouteLimit } from './rate-limits.ts';

type P = { object: string };

const maxUpload = 200 * 1024 * 1024;
const tooLarge = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/** Store the uploaded sheet under `dir` and return it with the `options` field (multipart/form-data). */
async function receiveUpload(req: FastifyRequest, dir: string): Promise<{ file: string; options?: string }> {
  if (!req.isMultipart())
    throw new KehuError('BAD_REQUEST', { detail: 'multipart/form-data expected' }, undefined, 415);
  await fs.promises.mkdir(dir, { recursive: true });
  let file: string | undefined;
  let options: string | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw new KehuError('UNKNOWN_PARAMETER', { parameter: part.fieldname.slice(0, 40) });
        file = path.join(dir, `${randomUUID()}.upload`);
        await pipeline(part.file, fs.createWriteStream(file));
        if (part.file.truncated) throw new KehuError('PAYLOAD_TOO_LARGE');
      } else if (part.fieldname === 'options') {
        options = String(part.value);
      } else {
        throw new KehuError('UNKNOWN_PARAMETER', { parameter: part.fieldname.slice(0, 40) });
      }
    }
  } catch (err) {
    if (file) fs.rmSync(file, { force: true });
    if (tooLarge.has((err as { code?: string }).code ?? '')) throw new KehuError('PAYLOAD_TOO_LARGE');
    throw err;
  }
  if (!file) throw new KehuError('BAD_REQUEST', { detail: 'file' });
  return { file, options };
}

function previewCell(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date)
    return c
      .toISOString()
      .replace(/T00:00:00\.000Z$/, '')
      .replace('.000Z', 'Z');
  return String(c);
}

/** RFC 6266 attachment header: an ASCII fallback plus the UTF-8 name (Chinese file names). */
/** Query parameters of an export → the export request (validated when the export runs). */
function exportRequestOf(q: Record<string, string | undefined>): ExportRequest {
  const format = q.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw new KehuError('BAD_REQUEST', { detail: 'format' });
  return {
    format,
    filter: parseFilterParam(q.filter),
    sort: parseSort(q.sort),
    q: q.q,
    fields: q.fields !== undefined ? q.fields.split(',').map((s) => s.trim()) : undefined,
  };
}

function sendExport(reply: FastifyReply, file: ExportFile, object: string, format: string) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachment(file.filename, `${object}.${format}`))
    .header('cache-control', 'no-store')
    .send(file.stream);
}

function attachment(filename: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Import and export (CUS-11): uploads run as background jobs with progress; exports stream. */
export function registerTransferRoutes(app: FastifyInstance, engine: Engine): void {
  const runner = new JobRunner();
  const uploads = path.join(engine.dataDir, 'imports');
  app.addHook('onClose', async () => runner.close());
  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxUpload, files: 1, fields: 5, fieldSize: 1024 * 1024, parts: 10 },
    });

    /** The caller, the object and the uploaded file of an import request, once the caller may import. */
    const importUpload = async (req: FastifyRequest<{ Params: P }>) => {
      allowParams(req, []);
      const ctx = ctxOf(req);
      const obj = engine.registry.get(req.params.object);
      assertImportAllowed(ctx, obj);
      return { ctx, obj, upload: await receiveUpload(req, uploads) };
    };

    scope.post<{ Params: P }>('/api/objects/:object/import', { config: expensiveRouteLimit }, async (req, reply) => {
      const { ctx, obj, upload } = await importUpload(req);
      try {
        const prep = await prepareImport(ctx, obj, upload.file, parseImportOptions(upload.options));
        const job = await startImport(ctx, runner, prep, (err) => req.log.error({ err }, 'import failed'));
        return reply.status(202).send({ data: job });
      } catch (err) {
        fs.rmSync(upload.file, { force: true });
        throw err;
      }
    });

    scope.post<{ Params: P }>('/api/objects/:object/import/preview', async (req) => {
      const { ctx, obj, upload } = await importUpload(req);
      try {
        const head = await readUpload(upload.file, 10);
        const gates = gatesOf(ctx, obj);
        const describe = (f: FieldDef) => ({
          name: f.name,
          type: f.type,
          label: labelText(f.label, ctx.locale, f.name),
          required: f.required ?? false,
        });
        return {
          data: {
            format: head.format,
            headerRow: head.headerRow,
            headers: head.header,
            rows: head.rows.map((r) => head.header.map((_, i) => previewCell(r.cells[i] ?? null))),
            suggestedMapping: suggestMapping(head.header, obj, gates),
            fields: [...obj.fields.values()].filter((f) => importableField(f, gates)).map(describe),
            matchable: [...obj.fields.values()].filter((f) => matchableField(f, gates)).map((f) => f.name),
            // Module-declared ways to recognise a record (credit code or name…), for callers who may read their fields.
            matchers: engine.registry.importMatchers
              .of(obj.name)
              .filter((m) => m.fields.every((n) => obj.fields.has(n) && gates.canRead(obj.fields.get(n)!)))
              .map((m) => ({ name: m.name, label: labelText(m.label, ctx.locale, m.name) })),
            // The caller's choices of the last import with these columns (column and value mapping, duplicates).
            saved: await savedChoices(ctx, obj.name, head.header),
          },
        };
      } finally {
        fs.rmSync(upload.file, { force: true });
      }
    });

    /** The values of mapped picklist and relation columns that match nothing, with suggestions (value mapping). */
    scope.post<{ Params: P }>('/api/objects/:object/import/values', { config: expensiveRouteLimit }, async (req) => {
      const { ctx, obj, upload } = await importUpload(req);
      try {
        const prep = await prepareImport(ctx, obj, upload.file, parseImportOptions(upload.options));
        return { data: await unmatchedValues(ctx, upload.file, prep.format, prep.headerRow, prep.mapping.columns) };
      } finally {
        fs.rmSync(upload.file, { force: true });
      }
    });
  });

  /** Skipped and updated rows of an import with the records they matched (paged). */
  app.get<{ Params: { id: string } }>('/api/imports/:id/matches', async (req) => {
    const q = allowParams(req, ['offset', 'limit']);
    const ctx = ctxOf(req);
    const job = await importJobRow(ctx, recordId(req.params.id));
    const offset = Math.max(0, Math.min(Number(q.offset ?? 0) || 0, 10_000_000));
    const limit = Math.max(1, Math.min(Number(q.limit ?? 50) || 50, 500));
    return await importMatches(ctx, job.object, Number(job.id), offset, limit);
  });

  /** Every failed row of an import as xlsx: the original columns and values plus the errors, to fix and re-import. */
  app.get<{ Params: { id: string } }>('/api/imports/:id/errors', async (req, reply) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    const job = await importJobRow(ctx, recordId(req.params.id));
    const obj = engine.registry.get(job.object);
    const name = `${labelText(obj.label, ctx.locale, obj.name)}-${translate(ctx.locale, 'import.errorsFile')}-${job.id}.xlsx`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(name, `import-errors-${job.id}.xlsx`))
      .header('cache-control', 'no-store')
      .send(errorsWorkbook(ctx, obj.name, Number(job.id), (job.header as string[] | null) ?? []));
  });

  app.get<{ Params: { id: string } }>('/api/imports/:id', async (req) => {
    allowParams(req, []);
    return { data: await readImportJob(ctxOf(req), recordId(req.params.id)) };
  });

  app.get<{ Params: P }>('/api/objects/:object/export', { config: expensiveRouteLimit }, async (req, reply) => {
    const q = allowParams(req, ['format', 'filter', 'sort', 'fields', 'q']);
    const obj = engine.registry.get(req.params.object);
    const ctx = ctxOf(req);
    const request = exportRequestOf(q);
    await assertExportAllowed(ctx, obj, request, engine.exportApprovalRows);
    return sendExport(reply, await exportRecords(ctx, obj, request), obj.name, request.format);
  });

  /** Large exports (SEC-14): ask, get approved by someone else, download once. */
  app.post('/api/export-requests', async (req, reply) => {
    allowParams(req, []);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const obj = engine.registry.get(String(body.object));
    const params = Object.fromEntries(
      ['format', 'filter', 'sort', 'fields', 'q']
        .filter((k) => body[k] !== undefined)
        .map((k) => [k, typeof body[k] === 'string' ? body[k] : JSON.stringify(body[k])]),
    ) as Record<string, string>;
    const record = await requestExport(ctxOf(req), obj, exportRequestOf(params), body.reason);
    return reply.status(201).send({ data: record });
  });

  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/api/export-requests/:id/${verb}`, async (req) => {
      allowParams(req, []);
      const comment = (req.body as Record<string, unknown> | undefined)?.comment;
      return { data: await decideExport(ctxOf(req), recordId(req.params.id), approve, comment) };
    });
  }

  app.get<{ Params: { id: string } }>('/api/export-requests/:id/download', async (req, reply) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    const { object, req: request } = await consumeExport(ctx, recordId(req.params.id));
    const obj = engine.registry.get(object);
    return sendExport(reply, await exportRecords(ctx, obj, request), obj.name, request.format);
  });
}
