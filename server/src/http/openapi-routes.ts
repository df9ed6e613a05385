import type { FastifyInstance } from 'fastify';
import type { OpenApiDocument } from '../engine/metadata/openapi.ts';
import { errors, reply, signedIn, signedInWrite } from '../engine/metadata/openapi-shared.ts';

interface SeenRoute {
  method: string;
  url: string;
  summary?: string;
}

/** Routes that answer without a session. */
const publicRoutes = [/^\/api\/auth\/(login|login\/2fa|ldap)/, /^\/api\/(health|ready|openapi\.json|docs)/];
const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * Every API route registered on the app, seen as it is added (register before the routes). Routes that the
 * metadata-generated document does not describe in detail (account, 2FA, shares, module actions…) still
 * appear in it, so the document lists the whole API (INT-1). A route may give `config: { summary }`.
 */
export function collectRoutes(app: FastifyInstance): SeenRoute[] {
  const seen: SeenRoute[] = [];
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) return;
    for (const m of [r.method].flat()) {
      const method = m.toLowerCase();
      if (!methods.has(method)) continue;
      seen.push({ method, url: r.url, summary: (r.config as { summary?: string } | undefined)?.summary });
    }
  });
  return seen;
}

/** Already in the document, generically or per object (`/api/objects/customer/…` for `{object}`). */
function described(doc: OpenApiDocument, path: string, method: string): boolean {
  if (doc.paths[path]?.[method]) return true;
  if (!path.includes('{object}')) return false;
  const pattern = new RegExp(
    `^${path
      .replace(/[.]/g, '\\.')
      .replace('{object}', '[^/]+')
      .replace(/\{[^}]+\}/g, '\\{[^}]+\\}')}$`,
  );
  return Object.entries(doc.paths).some(([p, item]) => pattern.test(p) && item[method]);
}

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const tagOf = (url: string) => url.split('/')[2] ?? 'api';

/** Adds the routes the document lacks, with their path parameters, security and error responses. */
export function addSeenRoutes(doc: OpenApiDocument, seen: SeenRoute[]): void {
  const tags = new Set(doc.tags.map((t) => t.name as string));
  for (const r of seen) {
    const path = openApiPath(r.url);
    if (described(doc, path, r.method)) continue;
    const item = doc.paths[path] ?? {};
    doc.paths[path] = item;
    const tag = tagOf(r.url);
    if (!tags.has(tag)) {
      tags.add(tag);
      doc.tags.push({ name: tag });
    }
    const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const isPublic = publicRoutes.some((p) => p.test(r.url));
    item[r.method] = {
      tags: [tag],
      operationId: `${r.method}${path.replace(/[^A-Za-z0-9]+/g, '.')}`,
      summary: r.summary ?? `${r.method.toUpperCase()} ${path}`,
      ...(isPublic ? { security: [] } : { security: r.method === 'get' ? signedIn : signedInWrite }),
      ...(params.length ? { parameters: params } : {}),
      responses: { 200: reply({ type: 'object' }), ...errors(400, 401, 403, 404) },
    };
  }
}
