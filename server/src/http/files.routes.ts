import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { KehuError } from '../engine/errors.ts';
import { type FileRow, openFile, saveFile } from '../engine/files/store.ts';
import type { Engine } from '../engine/kernel.ts';
import { getRecord } from '../engine/query/list.ts';
import { recordId } from '../engine/records/save.ts';
import { allowParams, ctxOf } from './context.ts';

const maxUpload = 100 * 1024 * 1024;
// Types a browser would render or run: always downloaded as opaque bytes (stored XSS through uploads).
const inlineSafe = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']);

/** Send a stored file: downloaded, or shown inline when its type is safe to render. */
export async function sendFile(
  engine: Engine,
  reply: FastifyReply,
  f: Pick<FileRow, 'sha256' | 'name' | 'mime'>,
  inline: boolean,
) {
  const { stream, size } = await openFile(engine.dataDir, f.sha256);
  const safe = inlineSafe.has(f.mime);
  const disposition = inline && safe ? 'inline' : 'attachment';
  return reply
    .header('content-type', safe ? f.mime : 'application/octet-stream')
    .header('content-length', size)
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=0')
    .send(stream);
}

/** Uploads (content-addressed under the data directory) and downloads checked against the record's access. */
export async function registerFileRoutes(app: FastifyInstance, engine: Engine): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxUpload, files: 1, fields: 5 } });

    scope.post('/api/files', async (req, reply) => {
      allowParams(req, []);
      const ctx = ctxOf(req);
      const part = await req.file();
      if (!part) throw new KehuError('BAD_REQUEST', { detail: 'file' });
      const row = await saveFile(
        engine.db,
        engine.dataDir,
        { name: part.filename, mime: part.mimetype, stream: part.file },
        ctx.actor.userId,
        maxUpload,
      );
      if (part.file.truncated) throw new KehuError('PAYLOAD_TOO_LARGE');
      return reply
        .status(201)
        .send({ data: { id: row.id, name: row.name, size: Number(row.size), mime: row.mime, sha256: row.sha256 } });
    });
  });

  /** A file the caller uploaded and has not attached yet (preview in the form). */
  app.get<{ Params: { id: string } }>('/api/files/:id', async (req, reply) => {
    allowParams(req, []);
    const ctx = ctxOf(req);
    const r =
      await sql<FileRow>`select * from sys_file where id = ${recordId(req.params.id)} and created_by = ${ctx.actor.userId}`.execute(
        engine.db,
      );
    if (!r.rows[0]) throw new KehuError('NOT_FOUND');
    return sendFile(engine, reply, r.rows[0], false);
  });

  /** A file on a record: readable when the record and its attachments field are readable. */
  app.get<{ Params: { object: string; id: string; fileId: string } }>(
    '/api/objects/:object/:id/files/:fileId',
    async (req, reply) => {
      const { inline } = allowParams(req, ['inline']);
      const ctx = ctxOf(req);
      const obj = engine.registry.get(req.params.object);
      const record = await getRecord(ctx, obj, recordId(req.params.id));
      const fileId = recordId(req.params.fileId);
      for (const f of obj.fields.values()) {
        if (f.type !== 'attachments') continue;
        const hit = ((record[f.name] as FileRow[] | undefined) ?? []).find((a) => Number(a.id) === fileId);
        if (hit) return sendFile(engine, reply, hit, inline === 'true');
      }
      throw new KehuError('NOT_FOUND');
    },
  );
}
