import { errorCodes, type Locale, labelText } from '@kehu/common';
import { KehuError } from '../errors.ts';
import { objectPaths } from './openapi-paths.ts';
import { type ApiViewer, objectSchemas } from './openapi-schemas.ts';
import {
  dataOf,
  errors,
  jsonBody,
  type Paths,
  ref,
  reply,
  type Schema,
  sharedSchemas,
  signedIn,
  signedInWrite,
} from './openapi-shared.ts';
import type { Registry } from './registry.ts';

export type { ApiViewer } from './openapi-schemas.ts';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Schema;
  tags: Schema[];
  paths: Paths;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, Schema>;
    securitySchemes: Record<string, Schema>;
  };
  security: Schema[];
}

/** One shared response per HTTP status, listing the error codes that come with it. */
function errorResponses(): Record<string, Schema> {
  const byStatus = new Map<number, string[]>();
  for (const code of errorCodes) {
    const status = new KehuError(code).status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  byStatus.set(415, ['BAD_REQUEST']);
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      `E${status}`,
      { description: `Error: ${codes.join(', ')}`, content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );
}

const publicOp = { security: [] };
const objectName = { name: 'object', in: 'path', required: true, schema: { type: 'string' } };
const session: Schema = {
  type: 'object',
  properties: {
    user: { type: 'object', description: 'your user record' },
    csrfToken: { type: 'string', description: 'send as X-CSRF-Token on every write' },
    isAdmin: { type: 'boolean' },
    grants: { type: 'object', description: 'object → operation → scope' },
  },
};
const objectMeta: Schema = {
  type: 'object',
  description: 'An object as the caller sees it: title, rights and fields with operators',
  properties: {
    name: { type: 'string' },
    label: ref('Label'),
    title: { type: 'string' },
    titleField: { type: 'string' },
    custom: { type: 'boolean' },
    readOnly: { type: 'boolean' },
    rights: { type: 'object', additionalProperties: { type: 'string' } },
    fields: { type: 'array', items: { type: 'object' } },
  },
};
/** Routes that do not depend on the data model: sign-in, metadata, import progress, health. */
function genericPaths(): Paths {
  const tag = (t: string) => ({ tags: [t] });
  return {
    '/api/auth/login': {
      post: {
        ...tag('auth'),
        ...publicOp,
        summary: 'Sign in: sets the session cookie and returns the CSRF token',
        requestBody: jsonBody({
          type: 'object',
          required: ['username', 'password'],
          properties: {
            username: { type: 'string', maxLength: 100 },
            password: { type: 'string', maxLength: 200, writeOnly: true },
          },
        }),
        responses: { 200: reply(dataOf(session)), ...errors(401, 429) },
      },
    },
    '/api/auth/logout': {
      post: {
        ...tag('auth'),
        security: signedInWrite,
        summary: 'Sign out',
        responses: { 200: reply(dataOf({ type: 'object' })) },
      },
    },
    '/api/auth/me': {
      get: {
        ...tag('auth'),
        security: signedIn,
        summary: 'The signed-in user',
        responses: { 200: reply(dataOf(session)), ...errors(401) },
      },
    },
    '/api/metadata/objects': {
      get: {
        ...tag('metadata'),
        security: signedIn,
        summary: 'Objects you may read, with their fields',
        responses: { 200: reply(dataOf({ type: 'array', items: objectMeta })), ...errors(401) },
      },
      post: {
        ...tag('metadata'),
        security: signedInWrite,
        summary: 'Create a custom object (administrators)',
        requestBody: jsonBody(ref('ObjectDecl')),
        responses: { 201: reply(dataOf(objectMeta), 'Created'), ...errors(400, 401, 403, 409) },
      },
    },
    '/api/metadata/objects/{object}': {
      get: {
        ...tag('metadata'),
        security: signedIn,
        summary: 'One object with its fields',
        parameters: [objectName],
        responses: { 200: reply(dataOf(objectMeta)), ...errors(401, 404) },
      },
    },
    '/api/metadata/objects/{object}/fields': {
      post: {
        ...tag('metadata'),
        security: signedInWrite,
        summary: 'Add a custom field to an object (administrators)',
        parameters: [objectName],
        requestBody: jsonBody({ allOf: [ref('FieldDecl')], required: ['name'] }),
        responses: { 201: reply(dataOf({ type: 'object' }), 'Created'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    '/api/imports/{id}': {
      get: {
        ...tag('import'),
        security: signedIn,
        summary: 'Progress and row errors of an import job',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { 200: reply(dataOf(ref('ImportJob'))), ...errors(401, 404) },
      },
    },
    '/api/health': {
      get: {
        ...tag('operations'),
        ...publicOp,
        summary: 'Liveness',
        responses: { 200: reply(dataOf({ type: 'object' })) },
      },
    },
    '/api/ready': {
      get: {
        ...tag('operations'),
        ...publicOp,
        summary: 'Readiness (the database answers)',
        responses: { 200: reply(dataOf({ type: 'object' })), 503: reply(ref('Error'), 'Not ready') },
      },
    },
    '/api/openapi.json': {
      get: {
        ...tag('operations'),
        ...publicOp,
        summary: 'This document: the objects you may read once signed in, only the generic routes otherwise',
        responses: { 200: reply({ type: 'object' }) },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the API as one caller sees it (INT-1), generated from metadata: every object
 * the viewer may read with its fields, filter operators and schemas. `viewer` null is an anonymous caller,
 * who gets the generic routes only — the data model is not shown to people who have not signed in.
 */
export function buildOpenApi(
  registry: Registry,
  viewer: ApiViewer | null,
  locale: Locale,
  version = '0.1.0',
): OpenApiDocument {
  const schemas: Record<string, Schema> = sharedSchemas();
  const paths: Paths = genericPaths();
  const tags: Schema[] = ['auth', 'metadata', 'import', 'operations'].map((name) => ({ name }));
  const visible = viewer ? registry.all().filter((o) => viewer.scope(o.name, 'read') !== 'none') : [];
  const objects = viewer ? visible : [null];
  for (const obj of objects) {
    Object.assign(schemas, objectSchemas(obj, viewer, locale));
    Object.assign(paths, objectPaths(obj, viewer, locale));
    const title = obj ? labelText(obj.label, locale, obj.name) : '';
    tags.push(obj ? { name: `${title} (${obj.name})`, description: title } : { name: 'records' });
  }
  return {
    openapi: '3.1.0',
    info: {
      title: locale === 'en-US' ? 'Kehu CRM API' : 'Kehu 客户管理 API',
      version,
      description: [
        'Sign in with POST /api/auth/login; the session cookie authenticates later calls and every write',
        'carries the returned token in an X-CSRF-Token header. Integrations send an API key instead',
        '(Authorization: Bearer). Responses are { data }, errors',
        '{ error: { code, message, fields } } with a translated message (?lang=en-US or Accept-Language).',
      ].join(' '),
    },
    tags,
    paths,
    components: {
      schemas,
      responses: errorResponses(),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'kehu_sid', description: 'set by POST /api/auth/login' },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'csrfToken from login or /api/auth/me',
        },
        apiKey: { type: 'http', scheme: 'bearer', description: "an integration's API key (no CSRF token needed)" },
      },
    },
    security: signedIn,
  };
}
