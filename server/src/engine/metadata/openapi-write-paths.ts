import type { RouteEnv, RouteSpec } from './openapi-paths.ts';
import { dataOf, errors, jsonBody, queryParam as qp, ref, reply } from './openapi-shared.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Writes, bulk changes, import and export of one object's records. */
export function writeRoutes(env: RouteEnv): RouteSpec[] {
  const { base, schema: s, idParam } = env;
  const record = dataOf(s('Record'));
  const selection = {
    type: 'object',
    description:
      'Either `ids` or `filter` (the same tree as lists), at most 5000 records, all in one transaction: one record outside your scope undoes them all',
    properties: { ids: { type: 'array', maxItems: 5000, items: { type: 'integer' } }, filter: s('Filter') },
  };
  const counts = dataOf({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'e.g. { "updated": 12 }',
  });
  const ifMatch = { name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'the version you read' };
  const importForm = {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', contentMediaType: 'application/octet-stream', description: '.csv or .xlsx' },
      options: {
        type: 'string',
        description:
          'JSON: { "mapping": { "column": "field" }, "values": { "column": { "text": "option or id" } }, ' +
          '"duplicates": { "matchOn": "field or matcher", "policy": "skip" | "update" | "create" } | null ' +
          '(default: the object\'s first matcher, skip), "dryRun": true, "mode": "all" | "validRows" }',
      },
    },
  };
  return [
    {
      path: base,
      method: 'post',
      key: 'create',
      right: 'create',
      write: true,
      spec: {
        requestBody: jsonBody(s('Input')),
        responses: { 201: reply(record, 'Created'), ...errors(400, 401, 403, 409) },
      },
    },
    {
      path: `${base}/{id}`,
      method: 'patch',
      key: 'patch',
      right: 'update',
      write: true,
      spec: {
        parameters: [idParam, ifMatch],
        requestBody: jsonBody(s('Patch')),
        responses: { 200: reply(record), ...errors(400, 401, 403, 404, 409) },
      },
    },
    {
      path: `${base}/{id}`,
      method: 'delete',
      key: 'delete',
      right: 'delete',
      write: true,
      spec: {
        parameters: [idParam, qp('version', { type: 'integer' }, 'the version you read (optimistic concurrency)')],
        responses: { 200: reply(record), ...errors(401, 403, 404, 409) },
      },
    },
    {
      path: `${base}/{id}/restore`,
      method: 'post',
      key: 'restore',
      right: 'update',
      write: true,
      spec: {
        parameters: [idParam],
        requestBody: jsonBody(
          { type: 'object', properties: { version: { type: 'integer', description: 'omit to undelete' } } },
          false,
        ),
        responses: { 200: reply(record), ...errors(400, 401, 403, 404, 409) },
      },
    },
    {
      path: `${base}/bulk-update`,
      method: 'post',
      key: 'bulkUpdate',
      right: 'update',
      write: true,
      spec: {
        requestBody: jsonBody({ allOf: [selection], properties: { values: s('Values') }, required: ['values'] }),
        responses: { 200: reply(counts), ...errors(400, 401, 403) },
      },
    },
    {
      path: `${base}/bulk-delete`,
      method: 'post',
      key: 'bulkDelete',
      right: 'delete',
      write: true,
      spec: { requestBody: jsonBody(selection), responses: { 200: reply(counts), ...errors(400, 401, 403) } },
    },
    {
      path: `${base}/import`,
      method: 'post',
      key: 'import',
      right: 'import',
      write: true,
      spec: {
        description: 'Starts an import job; follow it with GET /api/imports/{id}.',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: importForm, encoding: { options: { contentType: 'application/json' } } },
          },
        },
        responses: { 202: reply(dataOf(ref('ImportJob')), 'Accepted'), ...errors(400, 401, 403, 413) },
      },
    },
    {
      path: `${base}/export`,
      method: 'get',
      key: 'export',
      right: 'export',
      spec: {
        parameters: [
          qp('format', { enum: ['csv', 'xlsx'], default: 'csv' }, 'file format'),
          env.filterParam,
          env.sortParam,
          env.qParam,
        ],
        responses: {
          200: {
            description: 'The file, with the fields you may read; cells that look like formulas are neutralised',
            content: {
              'text/csv': { schema: { type: 'string' } },
              [xlsx]: { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
            },
          },
          ...errors(400, 401, 403),
        },
      },
    },
  ];
}
