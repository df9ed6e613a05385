import { type Locale, labelText, type Operation } from '@kehu/common';
import { searchFields } from '../search/quick.ts';
import { type ApiViewer, readableFields, schemaName } from './openapi-schemas.ts';
import {
  dataOf,
  errors,
  jsonBody,
  type Paths,
  queryParam as qp,
  ref,
  reply,
  type Schema,
  signedIn,
  signedInWrite,
} from './openapi-shared.ts';
import { apiText, type TextKey } from './openapi-text.ts';
import { writeRoutes } from './openapi-write-paths.ts';
import type { ObjectDef } from './types.ts';

/** One route of the records API, documented only for callers whose scope for `right` is not none. */
export interface RouteSpec {
  path: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  key: TextKey;
  right: Operation;
  write?: boolean;
  spec: Schema;
}

/** What the route lists of one object share. */
export interface RouteEnv {
  base: string;
  schema(part: Parameters<typeof schemaName>[1]): Schema;
  idParam: Schema;
  filterParam: Schema;
  sortParam: Schema;
  qParam: Schema;
}

/** Markdown: the fields of an object with their filter operators, sortability and grouping. */
function fieldTable(obj: ObjectDef, viewer: ApiViewer, locale: Locale): string {
  const rows = readableFields(obj, viewer).map((f) => {
    const cells = [`\`${f.name}\``, labelText(f.label, locale, f.name), f.type, f.impl.ops.join(', ')];
    cells.push(f.impl.sortable ? '✓' : '', f.impl.groupable ? '✓' : '');
    return `| ${cells.join(' | ')} |`;
  });
  return ['| field | title | type | operators | sort | group |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

function readRoutes(
  env: RouteEnv,
  listParams: Schema[],
  listDescription: string | undefined,
  recycle: string,
): RouteSpec[] {
  const { base, schema: s, idParam } = env;
  const page = { 200: reply(s('Page')), ...errors(400, 401, 404) };
  const listBody = {
    type: 'object',
    additionalProperties: false,
    properties: {
      filter: s('Filter'),
      sort: { type: 'array', maxItems: 5, items: ref('SortKey') },
      limit: { type: 'integer', minimum: 1, maximum: 500 },
      cursor: { type: 'string' },
      count: { type: 'boolean' },
      countUpTo: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      q: { type: 'string', maxLength: 100 },
      fields: { type: 'array', maxItems: 200, items: { type: 'string' } },
      deleted: { type: 'boolean' },
    },
  };
  const by =
    'one or two keys: a field path (`status`, `owner.department`), a date with a granularity (`createdAt:month`) or a region level (`region:city`)';
  const measures =
    '`count` is always included; more as `sum:field`, `avg:field`, `min:field`, `max:field`, comma-separated';
  const groupRow = {
    type: 'object',
    required: ['key', 'count'],
    properties: {
      key: { type: 'object', description: 'key name → value (relations as { id, label })' },
      count: { type: 'integer' },
    },
    additionalProperties: { description: 'one value per measure, named like `sum:amount`' },
  };
  const groups = {
    type: 'object',
    required: ['data'],
    properties: {
      data: { type: 'array', items: groupRow },
      totals: { type: 'object', description: 'the measures over all matching records' },
    },
  };
  return [
    {
      path: base,
      method: 'get',
      key: 'list',
      right: 'read',
      spec: { description: listDescription, parameters: listParams, responses: page },
    },
    {
      path: `${base}/query`,
      method: 'post',
      key: 'query',
      right: 'read',
      spec: { requestBody: jsonBody(listBody), responses: page },
    },
    {
      path: `${base}/{id}`,
      method: 'get',
      key: 'get',
      right: 'read',
      spec: {
        parameters: [idParam, qp('deleted', { type: 'boolean' }, 'also find it in the recycle bin')],
        responses: { 200: reply(dataOf(s('Record'))), ...errors(400, 401, 404) },
      },
    },
    {
      path: `${base}/{id}/history`,
      method: 'get',
      key: 'history',
      right: 'read',
      spec: {
        parameters: [idParam],
        responses: { 200: reply(dataOf({ type: 'array', items: ref('HistoryEntry') })), ...errors(401, 404) },
      },
    },
    {
      path: recycle,
      method: 'get',
      key: 'recycle',
      right: 'read',
      spec: {
        parameters: [
          qp('limit', { type: 'integer', minimum: 1, maximum: 500 }, 'page size'),
          qp('cursor', { type: 'string' }, 'next page'),
        ],
        responses: page,
      },
    },
    {
      path: `${base}/group`,
      method: 'get',
      key: 'group',
      right: 'read',
      spec: {
        parameters: [
          qp('by', { type: 'string' }, by, true),
          qp('measures', { type: 'string', default: 'count' }, measures),
          qp(
            'sort',
            { type: 'string', default: '-count' },
            '`-count`, `count`, `key`, `-key`, a key or a measure name',
          ),
          qp('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 1000 }, 'at most this many groups'),
          env.filterParam,
          env.qParam,
        ],
        responses: { 200: reply(groups), ...errors(400, 401, 404) },
      },
    },
  ];
}

/**
 * Every route of the generic records API for one object as the caller may use it (INT-1). `obj` null gives
 * the same routes with an `{object}` path parameter and shapeless records (for anonymous callers).
 */
export function objectPaths(obj: ObjectDef | null, viewer: ApiViewer | null, locale: Locale): Paths {
  const title = obj ? labelText(obj.label, locale, obj.name) : '{object}';
  const tag = obj ? `${title} (${obj.name})` : 'records';
  const known = obj && viewer ? { obj, viewer } : null;
  const s = (part: Parameters<typeof schemaName>[1]) => ref(schemaName(obj, part));
  const sortable = known ? readableFields(known.obj, known.viewer).filter((f) => f.impl.sortable) : [];
  const searched = obj ? searchFields(obj) : [];
  const env: RouteEnv = {
    base: obj ? `/api/objects/${obj.name}` : '/api/objects/{object}',
    schema: s,
    idParam: { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
    filterParam: {
      name: 'filter',
      in: 'query',
      description: 'The filter tree as JSON, e.g. {"and":[{"field":"type","op":"eq","value":"dealer"}]}',
      content: { 'application/json': { schema: s('Filter') } },
    },
    sortParam: qp(
      'sort',
      { type: 'string', maxLength: 500 },
      `Comma-separated fields, \`-\` for descending, paths allowed (\`-createdAt,owner.name\`). ` +
        `${apiText(locale, 'sortable')}: ${sortable.map((f) => f.name).join(', ') || '…'}`,
    ),
    qParam: qp(
      'q',
      { type: 'string', maxLength: 100 },
      `${apiText(locale, 'search')}: ${searched.map((f) => f.name).join(', ') || '…'}`,
    ),
  };
  const listParams = [
    env.filterParam,
    env.sortParam,
    qp('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'page size'),
    qp('cursor', { type: 'string' }, '`nextCursor` of the previous page (keyset paging)'),
    qp('count', { type: 'boolean', default: false }, 'also return `total`'),
    qp(
      'countUpTo',
      { type: 'integer', minimum: 1, maximum: 1_000_000 },
      'also return `total`, counting at most this many (`totalCapped` when more match)',
    ),
    env.qParam,
    qp(
      'fields',
      { type: 'string' },
      'only these fields, comma-separated (`id` and `version` always come): fewer columns and labels to read',
    ),
    qp('deleted', { type: 'boolean', default: false }, 'list the recycle bin instead'),
  ];
  const listDescription = known
    ? `${apiText(locale, 'scope')}: ${known.viewer.scope(known.obj.name, 'read')}\n\n${fieldTable(known.obj, known.viewer, locale)}`
    : undefined;
  const recycle = obj ? `/api/recycle-bin/${obj.name}` : '/api/recycle-bin/{object}';
  const routes = [...readRoutes(env, listParams, listDescription, recycle), ...writeRoutes(env)];

  const objectParam = {
    name: 'object',
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'object name',
  };
  const paths: Paths = {};
  for (const r of routes) {
    const allowed =
      !known || (known.viewer.scope(known.obj.name, r.right) !== 'none' && !(r.write && known.obj.apiReadOnly));
    if (!allowed) continue;
    paths[r.path] ??= {};
    paths[r.path][r.method] = {
      tags: [tag],
      operationId: `${obj?.name ?? 'any'}.${r.key}`,
      summary: apiText(locale, r.key, title),
      security: r.write ? signedInWrite : signedIn,
      ...r.spec,
      parameters: [...(obj ? [] : [objectParam]), ...((r.spec.parameters as Schema[] | undefined) ?? [])],
    };
  }
  return paths;
}
