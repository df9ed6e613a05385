import { type Locale, labelText, type Operation } from '@kehu/common';
import { searchFields } from '../search/quick.ts';
import { type ApiViewer, readableFields, ref, type Schema, schemaName } from './openapi-schemas.ts';
import { apiText, type TextKey } from './openapi-text.ts';
import type { ObjectDef } from './types.ts';

export type PathItem = Record<string, Schema>;
export type Paths = Record<string, PathItem>;

export const jsonBody = (schema: Schema, required = true) => ({ required, content: { 'application/json': { schema } } });
export const dataOf = (schema: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data: schema } });
export const reply = (schema: Schema, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const err = (status: number) => ({ $ref: `#/components/responses/E${status}` });
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), err(s)]));
export const signedIn = [{ session: [] }];
export const signedInWrite = [{ session: [], csrf: [] }];

const qp = (name: string, schema: Schema, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const objectParam = { name: 'object', in: 'path', required: true, schema: { type: 'string' }, description: 'object name' };

const historyEntry: Schema = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    action: { type: 'string', description: 'create, update, delete, undelete, restore' },
    at: { type: 'string', format: 'date-time' },
    actor: { anyOf: [ref('Ref'), { type: 'null' }] },
    onBehalfOf: { anyOf: [ref('Ref'), { type: 'null' }] },
    ip: { type: ['string', 'null'] },
    userAgent: { type: ['string', 'null'] },
    changes: { type: 'object', description: 'field → [before, after], fields you may read only' },
    snapshot: { type: 'object', description: 'the record as of this version' },
  },
};

/** Markdown: the fields of an object with their filter operators, sortability and grouping. */
function fieldTable(obj: ObjectDef, viewer: ApiViewer, locale: Locale): string {
  const rows = readableFields(obj, viewer).map(
    (f) =>
      `| \`${f.name}\` | ${labelText(f.label, locale, f.name)} | ${f.type} | ${f.impl.ops.join(', ')} | ${f.impl.sortable ? '✓' : ''} | ${f.impl.groupable ? '✓' : ''} |`,
  );
  return ['| field | title | type | operators | sort | group |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * Every route of the generic records API for one object as the caller may use it (INT-1). `obj` null gives
 * the same routes with an `{object}` path parameter and shapeless records (for anonymous callers).
 */
export function objectPaths(obj: ObjectDef | null, viewer: ApiViewer | null, locale: Locale): Paths {
  const name = obj?.name ?? 'any';
  const title = obj ? labelText(obj.label, locale, obj.name) : '{object}';
  const tag = obj ? `${title} (${obj.name})` : 'records';
  const base = obj ? `/api/objects/${obj.name}` : '/api/objects/{object}';
  const may = (op: Operation, write = false) =>
    !obj || !viewer || (viewer.scope(obj.name, op) !== 'none' && !(write && obj.apiReadOnly));
  const s = (part: Parameters<typeof schemaName>[1]) => ref(schemaName(obj, part));
  const pre = obj ? [] : [objectParam];
  const op = (key: TextKey, extra: Schema, write = false): Schema => ({
    tags: [tag],
    operationId: `${name}.${key}`,
    summary: apiText(locale, key, title),
    security: write ? signedInWrite : signedIn,
    ...extra,
    parameters: [...pre, ...((extra.parameters as unknown[]) ?? [])],
  });

  const filterParam = {
    name: 'filter',
    in: 'query',
    description: 'The filter tree as JSON, e.g. {"and":[{"field":"type","op":"eq","value":"dealer"}]}',
    content: { 'application/json': { schema: s('Filter') } },
  };
  const sortable = obj && viewer ? readableFields(obj, viewer).filter((f) => f.impl.sortable).map((f) => f.name) : [];
  const sortParam = qp(
    'sort',
    { type: 'string', maxLength: 500 },
    `Comma-separated fields, \`-\` for descending, paths allowed (\`-createdAt,owner.name\`). ${apiText(locale, 'sortable')}: ${sortable.join(', ') || '…'}`,
  );
  const searched = obj ? searchFields(obj).map((f) => f.name) : [];
  const qParam = qp('q', { type: 'string', maxLength: 100 }, `${apiText(locale, 'search')}: ${searched.join(', ') || '…'}`);
  const listParams = [
    filterParam,
    sortParam,
    qp('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'page size'),
    qp('cursor', { type: 'string' }, '`nextCursor` of the previous page (keyset paging)'),
    qp('count', { type: 'boolean', default: false }, 'also return `total`'),
    qParam,
    qp('deleted', { type: 'boolean', default: false }, 'list the recycle bin instead'),
  ];
  const scopeLine = obj && viewer ? `${apiText(locale, 'scope')}: ${viewer.scope(obj.name, 'read')}\n\n` : '';
  const listDescription = obj && viewer ? `${scopeLine}${fieldTable(obj, viewer, locale)}` : undefined;
  const record = dataOf(s('Record'));
  const idSelection = {
    type: 'object',
    description: 'Either `ids` or `filter` (the same tree as lists); only records inside your scope are touched',
    properties: { ids: { type: 'array', maxItems: 1000, items: { type: 'integer' } }, filter: s('Filter') },
  };
  const bulkResult = dataOf({ type: 'object', additionalProperties: { type: 'integer' }, description: 'counts, e.g. { "updated": 12 }' });

  const paths: Paths = {};
  const add = (path: string, method: string, operation: Schema) => {
    paths[path] ??= {};
    paths[path][method] = operation;
  };

  if (may('read')) {
    add(base, 'get', op('list', { description: listDescription, parameters: listParams, responses: { 200: reply(s('Page')), ...errors(400, 401, 404) } }));
    add(`${base}/query`, 'post', op('query', {
      requestBody: jsonBody({
        type: 'object',
        additionalProperties: false,
        properties: {
          filter: s('Filter'),
          sort: { type: 'array', maxItems: 5, items: ref('SortKey') },
          limit: { type: 'integer', minimum: 1, maximum: 500 },
          cursor: { type: 'string' },
          count: { type: 'boolean' },
          q: { type: 'string', maxLength: 100 },
          deleted: { type: 'boolean' },
        },
      }),
      responses: { 200: reply(s('Page')), ...errors(400, 401, 404) },
    }));
    add(`${base}/{id}`, 'get', op('get', {
      parameters: [idParam, qp('deleted', { type: 'boolean' }, 'also find it in the recycle bin')],
      responses: { 200: reply(record), ...errors(400, 401, 404) },
    }));
    add(`${base}/{id}/history`, 'get', op('history', {
      parameters: [idParam],
      responses: { 200: reply(dataOf({ type: 'array', items: historyEntry })), ...errors(401, 404) },
    }));
    add(obj ? `/api/recycle-bin/${obj.name}` : '/api/recycle-bin/{object}', 'get', op('recycle', {
      parameters: [qp('limit', { type: 'integer', minimum: 1, maximum: 500 }, 'page size'), qp('cursor', { type: 'string' }, 'next page')],
      responses: { 200: reply(s('Page')), ...errors(400, 401, 404) },
    }));
    add(`${base}/group`, 'get', op('group', {
      parameters: [
        qp('by', { type: 'string' }, 'comma-separated groupable fields (paths allowed)', true),
        qp('measures', { type: 'string', default: 'count' }, 'comma-separated aggregates: `count`, `sum:field`, `avg:field`, `min:field`, `max:field`'),
        filterParam,
        qParam,
      ],
      responses: {
        200: reply(dataOf({ type: 'array', items: { type: 'object', additionalProperties: true, description: 'group keys and measures' } })),
        ...errors(400, 401, 404),
      },
    }));
  }
  if (may('create', true)) {
    add(base, 'post', op('create', { requestBody: jsonBody(s('Input')), responses: { 201: reply(record, 'Created'), ...errors(400, 401, 403, 409) } }, true));
  }
  if (may('update', true)) {
    const ifMatch = { name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'the version you read (instead of `version`)' };
    add(`${base}/{id}`, 'patch', op('patch', {
      parameters: [idParam, ifMatch],
      requestBody: jsonBody(s('Patch')),
      responses: { 200: reply(record), ...errors(400, 401, 403, 404, 409) },
    }, true));
    add(`${base}/{id}/restore`, 'post', op('restore', {
      parameters: [idParam],
      requestBody: jsonBody({ type: 'object', properties: { version: { type: 'integer', description: 'omit to undelete' } } }, false),
      responses: { 200: reply(record), ...errors(400, 401, 403, 404, 409) },
    }, true));
    add(`${base}/bulk-update`, 'post', op('bulkUpdate', {
      requestBody: jsonBody({ allOf: [idSelection], properties: { values: s('Input') }, required: ['values'] }),
      responses: { 200: reply(bulkResult), ...errors(400, 401, 403) },
    }, true));
  }
  if (may('delete', true)) {
    add(`${base}/{id}`, 'delete', op('delete', {
      parameters: [idParam, qp('version', { type: 'integer' }, 'the version you read (optimistic concurrency)')],
      responses: { 200: reply(record), ...errors(401, 403, 404, 409) },
    }, true));
    add(`${base}/bulk-delete`, 'post', op('bulkDelete', { requestBody: jsonBody(idSelection), responses: { 200: reply(bulkResult), ...errors(400, 401, 403) } }, true));
  }
  if (may('import', true)) {
    add(`${base}/import`, 'post', op('import', {
      description: 'Starts an import job; follow it with GET /api/imports/{id}.',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: {
                file: { type: 'string', contentMediaType: 'application/octet-stream', description: '.csv or .xlsx' },
                options: {
                  type: 'string',
                  description: 'JSON: { "mapping": { "column": "field" }, "duplicates": "skip" | "update" | "create", "dryRun": true }',
                },
              },
            },
            encoding: { options: { contentType: 'application/json' } },
          },
        },
      },
      responses: { 202: reply(dataOf(ref('ImportJob')), 'Accepted'), ...errors(400, 401, 403, 413) },
    }, true));
  }
  if (may('export')) {
    add(`${base}/export`, 'get', op('export', {
      parameters: [qp('format', { enum: ['csv', 'xlsx'], default: 'csv' }, 'file format'), filterParam, sortParam, qParam],
      responses: {
        200: {
          description: 'The file, with the fields you may read; cells that look like formulas are neutralised',
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: { type: 'string', contentMediaType: 'application/octet-stream' },
            },
          },
        },
        ...errors(400, 401, 403),
      },
    }));
  }
  return paths;
}
