import { sql } from 'kysely';
import { FieldProblem } from '../errors.ts';
import type { FieldType, Row } from './field-type.ts';
import { parseId } from './relation.field.ts';

const maxFiles = 50;

export interface AttachmentRef {
  id: number;
  name: string;
  size: number;
  mime: string;
  sha256: string;
}

interface Wanted {
  id: number;
  /** Given back by a client that already saw the file (it was on the record): proof of access. */
  sha256?: string;
}

function parseWanted(v: unknown): Wanted[] {
  if (!Array.isArray(v)) throw new FieldProblem('type');
  if (v.length > maxFiles) throw new FieldProblem('tooLarge');
  const seen = new Map<number, Wanted>();
  for (const item of v) {
    const id = parseId(item);
    const sha = typeof item === 'object' && item !== null ? (item as Row).sha256 : undefined;
    if (sha !== undefined && (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha))) throw new FieldProblem('format');
    if (!seen.has(id)) seen.set(id, { id, sha256: sha });
  }
  return [...seen.values()];
}

/**
 * Files on a record, stored as `[{ id, name, size, mime, sha256 }]`. A file id alone is accepted only for the
 * caller's own uploads; a file already on the record comes back from the client with its sha256, which a
 * caller can only know by having been shown it. So nobody attaches (and then downloads) a file by guessing ids.
 */
export const attachmentsField: FieldType = {
  name: 'attachments',
  kind: 'json',
  columns: (f) => [{ name: f.column!, sql: 'jsonb' }],
  writable: true,
  async parse(v, ctx) {
    const wanted = parseWanted(v);
    if (wanted.length === 0) return { [ctx.field.column!]: null };
    const ids = wanted.map((w) => w.id);
    const res = await sql<AttachmentRef & { created_by: number | null }>`select id, name, size, mime, sha256, created_by
      from sys_file where id = any(${ids}::bigint[])`.execute(ctx.db);
    const found = new Map(res.rows.map((r) => [Number(r.id), r]));
    const files = wanted.map((w) => {
      const file = found.get(w.id);
      const allowed =
        file && (Number(file.created_by) === ctx.userId || (w.sha256 !== undefined && w.sha256 === file.sha256));
      if (!file || !allowed) throw new FieldProblem('notFound');
      return { id: Number(file.id), name: file.name, size: Number(file.size), mime: file.mime, sha256: file.sha256 };
    });
    return { [ctx.field.column!]: JSON.stringify(files) };
  },
  isEmpty: (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0),
  format: (row, f) => row[f.column!] ?? [],
  ops: ['isEmpty', 'isNotEmpty'],
  condition(a) {
    const col = sql.ref(`${a.alias}.${a.field.column}`);
    const empty = sql`coalesce(jsonb_array_length(${col}), 0) = 0`;
    if (a.op === 'isEmpty') return empty;
    if (a.op === 'isNotEmpty') return sql`not ${empty}`;
    throw new FieldProblem('format');
  },
  sortable: false,
  groupable: false,
  aggregates: ['count'],
  jsonSchema: () => ({
    type: 'array',
    maxItems: maxFiles,
    items: {
      oneOf: [
        { type: 'integer', description: 'id of a file the caller uploaded' },
        {
          type: 'object',
          required: ['id'],
          properties: {
            id: { type: 'integer' },
            sha256: { type: 'string', description: 'required to keep a file uploaded by someone else' },
          },
        },
      ],
    },
  }),
};
