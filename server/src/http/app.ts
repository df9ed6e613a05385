import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Engine } from '../engine/kernel.ts';
import { registerAccountRoutes } from './account.routes.ts';
import { registerApiKeyRoutes } from './api-keys.routes.ts';
import { registerApprovalRoutes } from './approvals.routes.ts';
import { registerAuth } from './auth.routes.ts';
import { registerAutomationRoutes } from './automation.routes.ts';
import { registerBulkRoutes } from './bulk.routes.ts';
import { registerDelegationRoutes } from './delegations.routes.ts';
import { registerDictionaryRoutes } from './dictionary.routes.ts';
import { installErrorHandler } from './errors.ts';
import { registerFileRoutes } from './files.routes.ts';
import { registerFlowRoutes } from './flows.routes.ts';
import { registerGroupRoutes } from './group.routes.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { registerHistoryRoutes } from './history.routes.ts';
import { registerJobRoutes } from './jobs.routes.ts';
import { registerMergeRoutes } from './merge.routes.ts';
import { registerMetadataRoutes } from './metadata.routes.ts';
import { registerObjectRoutes } from './objects.routes.ts';
import { registerOpenApiRoutes } from './openapi.routes.ts';
import { collectRoutes } from './openapi-routes.ts';
import { registerOperationLog } from './oplog.ts';
import { registerRateLimits } from './rate-limits.ts';
import { registerRegionRoutes } from './regions.routes.ts';
import { registerRelatedRoutes } from './related.routes.ts';
import { registerRevealRoutes } from './reveal.routes.ts';
import { registerSearchRoutes } from './search.routes.ts';
import { registerShareRoutes } from './shares.routes.ts';
import { registerTransferRoutes } from './transfer.routes.ts';
import { registerTwoFactorRoutes } from './two-factor.routes.ts';
import { registerWebRoutes } from './web.routes.ts';

export type RouteRegistrar = (app: FastifyInstance, engine: Engine) => void | Promise<void>;

/** The HTTP application: security headers, sessions, the generic API and whatever modules add. */
export async function buildApp(engine: Engine, config: Config, extra: RouteRegistrar[] = []): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy === false ? false : config.trustProxy.split(',').map((s) => s.trim()),
  });
  installErrorHandler(app);
  const seenRoutes = collectRoutes(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await registerRateLimits(app, config.expensiveRateLimit);
  registerAuth(app, engine, config);
  registerAccountRoutes(app, engine, config);
  registerTwoFactorRoutes(app, engine, config);
  registerApiKeyRoutes(app, engine);
  registerOperationLog(app, engine);
  registerHealthRoutes(app, engine);
  registerJobRoutes(app, engine);
  registerObjectRoutes(app, engine);
  registerHistoryRoutes(app, engine);
  registerMergeRoutes(app, engine);
  registerMetadataRoutes(app, engine);
  registerDictionaryRoutes(app, engine);
  registerTransferRoutes(app, engine);
  registerGroupRoutes(app, engine);
  registerBulkRoutes(app, engine);
  registerRelatedRoutes(app, engine);
  await registerOpenApiRoutes(app, engine, seenRoutes);
  await registerFileRoutes(app, engine);
  registerShareRoutes(app, engine);
  registerDelegationRoutes(app, engine);
  registerFlowRoutes(app, engine);
  registerApprovalRoutes(app, engine);
  registerAutomationRoutes(app, engine);
  registerRevealRoutes(app, engine);
  registerRegionRoutes(app, engine);
  registerSearchRoutes(app, engine);
  for (const r of extra) await r(app, engine);
  await registerWebRoutes(app, engine);
  return app;
}
