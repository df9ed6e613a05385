import type { Filter } from '@kehu/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { parseFilterParam } from '../engine/query/filter.ts';
import { getRecord, type ListQuery, listRecords } from '../engine/query/list.ts';
import { parseSort } from '../engine/query/sort.ts';
import { deleteRecord } from '../engine/records/remove.ts';
import { createRecord, recordId, updateRecord } from '../engine/records/save.ts';
import { allowParams, ctxOf } from './context.ts';

type P = { object: string; id: string };

const listParams = ['filter', 'sort', 'limit', 'cursor', 'count', 'countUpTo', 'q', 'fields', 'deleted'] as const;

/** `fields`: a comma-separated list (query string) or an array of names (body). */
function fieldsParam(v: unknown, fromBody: boolean): string[] | undefined {
  if (v === undefined) return undefined;
  const names = !fromBody && typeof v === 'string' ? v.split(',') : v;
  if (!Array.isArray(names) || names.length > 200 || !names.every((n) => typeof n === 'string' && n.trim()))
    throw new KehuError('BAD_REQUEST', { detail: 'fields' });
  return names.map((n: string) => n.trim());
}

export function toListQuery(src: Record<string, unknown>, fromBody: boolean): ListQuery {
  const limit = src.limit === undefined ? undefined : Number(src.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500)) {
    throw new KehuError('BAD_REQUEST', { detail: 'limit' });
  }
  const countUpTo = src.countUpTo === undefined ? undefined : Number(src.countUpTo);
  if (countUpTo !== undefined && (!Number.isInteger(countUpTo) || countUpTo < 1 || countUpTo > 1_000_000)) {
    throw new KehuError('BAD_REQUEST', { detail: 'countUpTo' });
  }
  return {
    filter: fromBody ? (src.filter as Filter | undefined) : parseFilterParam(src.filter),
    sort: Array.isArray(src.sort) ? (src.sort as ListQuery['sort']) : parseSort(src.sort),
    limit,
    cursor: typeof src.cursor === 'string' ? src.cursor : undefined,
    count: src.count === true || src.count === 'true',
    countUpTo,
    q: typeof src.q === 'string' ? src.q : undefined,
    fields: fieldsParam(src.fields, fromBody),
    deleted: src.deleted === true || src.deleted === 'true',
  };
}

/** Optimistic concurrency token: `version` in the body or an `If-Match` header. */
function expectedVersion(req: FastifyRequest, body?: Record<string, unknown>): number | undefined {
  const v = body?.version ?? req.headers['if-match']?.replace(/"/g, '');
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new KehuError('VALIDATION_FAILED', { fields: 'version' }, { version: 'type' });
  return n;
}

function bodyObject(req: FastifyRequest): Record<string, unknown> {
  const b = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b))
    throw new KehuError('BAD_REQUEST', { detail: 'body must be a JSON object' });
  return b as Record<string, unknown>;
}

/** The generic records API (INT-1): the same routes for every object, built-in or custom. */
export function registerObjectRoutes(app: FastifyInstance, engine: Engine): void {
  const obj = (name: string) => engine.registry.get(name);

  app.get<{ Params: P }>('/api/objects/:object', async (req) => {
    const q = toListQuery(allowParams(req, listParams), false);
    return listRecords(ctxOf(req), obj(req.params.object), q);
  });

  app.post<{ Params: P }>('/api/objects/:object/query', async (req) => {
    allowParams(req, []);
    const body = bodyObject(req);
    for (const k of Object.keys(body))
      if (!(listParams as readonly string[]).includes(k))
        throw new KehuError('UNKNOWN_PARAMETER', { parameter: k.slice(0, 40) });
    return listRecords(ctxOf(req), obj(req.params.object), toListQuery(body, true));
  });

  app.get<{ Params: P }>('/api/objects/:object/:id', async (req) => {
    const { deleted } = allowParams(req, ['deleted']);
    return {
      data: await getRecord(ctxOf(req), obj(req.params.object), recordId(req.params.id), {
        deleted: deleted === 'true',
      }),
    };
  });

  app.post<{ Params: P }>('/api/objects/:object', async (req, reply) => {
    allowParams(req, []);
    const record = await createRecord(ctxOf(req), req.params.object, bodyObject(req));
    return reply.status(201).send({ data: record });
  });

  app.patch<{ Params: P }>('/api/objects/:object/:id', async (req) => {
    allowParams(req, []);
    const { version: _v, ...input } = bodyObject(req);
    const version = expectedVersion(req, bodyObject(req));
    return { data: await updateRecord(ctxOf(req), req.params.object, recordId(req.params.id), input, { version }) };
  });

  app.delete<{ Params: P }>('/api/objects/:object/:id', async (req) => {
    allowParams(req, ['version']);
    const v = (req.query as Record<string, string>).version;
    const version = v !== undefined ? Number(v) : expectedVersion(req);
    return { data: await deleteRecord(ctxOf(req), req.params.object, recordId(req.params.id), { version }) };
  });
}
