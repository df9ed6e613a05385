import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';

/** The built web client (web/dist), found relative to this file so it works from any working directory. */
export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/**
 * Serves the web app from the API's port: hashed assets cached for a year, pre-compressed copies when the
 * browser accepts them, and index.html for every other non-API path so client-side routes survive a reload.
 */
export async function registerWebRoutes(app: FastifyInstance, _engine: Engine): Promise<void> {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web client not built (${index} missing): run "npm run build"`);
    return;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders(reply, file) {
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const spa = async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.url.split('?')[0];
    if (url === '/api' || url.startsWith('/api/')) throw new KehuError('NOT_FOUND');
    // Assets of a build made after start (their routes were registered from the files present at start).
    if (url.startsWith('/assets/')) {
      let file: string;
      try {
        file = decodeURIComponent(url.slice(1));
      } catch {
        throw new KehuError('NOT_FOUND');
      }
      return reply.sendFile(file);
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  app.get('/', spa);
  app.get('/*', spa);
}
