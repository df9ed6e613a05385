import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../engine/kernel.ts';
import { buildOpenApi } from '../engine/metadata/openapi.ts';
import { requestLocale } from './locale.ts';
import { addSeenRoutes, type collectRoutes } from './openapi-routes.ts';

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const swaggerFiles = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/favicon-32x32.png', '/favicon-16x16.png']);

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Kehu API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
`;

// A file, not an inline script: the Content-Security-Policy allows only scripts from this origin.
// "Try it out" writes need the CSRF token of the signed-in session.
const init = `(function () {
  var csrf;
  fetch('/api/auth/me', { credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (b) { csrf = b && b.data && b.data.csrfToken; })
    .catch(function () {});
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    requestInterceptor: function (req) {
      if (csrf && req.method && req.method !== 'GET') req.headers['X-CSRF-Token'] = csrf;
      return req;
    },
  });
})();
`;

/** The API document generated from metadata, and a Swagger UI served from local files (INT-1). */
export async function registerOpenApiRoutes(
  app: FastifyInstance,
  engine: Engine,
  seen: ReturnType<typeof collectRoutes> = [],
): Promise<void> {
  // Signed in: the objects the caller may read; anonymous: generic routes only (no data model leak).
  app.get('/api/openapi.json', async (req, reply) => {
    const locale = requestLocale(req);
    const doc = buildOpenApi(engine.registry, req.kehu?.access ?? null, req.kehu?.locale ?? locale);
    addSeenRoutes(doc, seen);
    return reply.header('cache-control', 'private, no-store').send(doc);
  });

  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get('/api/docs/init.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(init));

  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: swaggerDir,
      prefix: '/api/docs/assets/',
      decorateReply: false,
      index: false,
      allowedPath: (p) => swaggerFiles.has(p),
    });
  });
}
