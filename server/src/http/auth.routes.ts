import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { recordLoginEvent } from '../engine/access/login-history.ts';
import { endSession, resolveSession } from '../engine/access/sessions.ts';
import { completeSignIn, type SignInSettings, signIn } from '../engine/access/sign-in.ts';
import type { Engine } from '../engine/kernel.ts';
import { callerResolver, sessionCookie, sessionPolicy } from './authenticate.ts';
import { ctxOf } from './context.ts';
import { signInLimit } from './rate-limits.ts';
import { sessionStarter } from './session-start.ts';

export { sessionCookie };

// No session needed here; /api/openapi.json is public too but resolves a session when present (INT-1).
const publicPaths = new Set(['/api/auth/login', '/api/auth/login/2fa', '/api/health', '/api/ready']);

export const signInSettings = (config: Config): SignInSettings => ({
  lock: {
    attempts: config.lockAttempts,
    minutes: config.lockMinutes,
    accountFailures: config.lockAccountFailures,
    addresses: config.lockDistinctAddresses,
  },
  ldap: config.ldap,
});

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

/** Sign-in, sign-out and the current user (SEC-7, SEC-8, SEC-13): cookie sessions, CSRF token on writes. */
export function registerAuth(app: FastifyInstance, engine: Engine, config: Config): void {
  const policy = sessionPolicy(config);
  const settings = signInSettings(config);
  const resolveCaller = callerResolver(engine, config);
  const { whoAmI, startSession } = sessionStarter(engine, config);

  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/api/') || publicPaths.has(path) || path.startsWith('/api/docs')) return;
    await resolveCaller(req, path);
  });

  app.post('/api/auth/login', { config: signInLimit(config.loginRateLimit) }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await signIn(engine, settings, {
      username: text(body.username, 100),
      password: text(body.password, 200),
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
    if (result.challenge !== undefined) return { data: { twoFactorRequired: true, challenge: result.challenge } };
    return startSession(req, reply, result.userId);
  });

  app.post('/api/auth/login/2fa', { config: signInLimit(config.loginRateLimit) }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const userId = await completeSignIn(engine, settings, {
      challenge: text(body.challenge, 100),
      code: text(body.code, 10).trim() || undefined,
      recoveryCode: text(body.recoveryCode, 40) || undefined,
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
    return startSession(req, reply, userId);
  });

  app.post('/api/auth/logout', async (req, reply) => {
    if (req.sessionToken) {
      await endSession(engine.db, req.sessionToken);
      if (req.kehu) {
        const userId = req.kehu.actor.userId;
        await recordLoginEvent(engine.db, {
          event: 'signOut',
          userId,
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        });
      }
    }
    reply.clearCookie(sessionCookie, { path: '/' });
    return { data: { ok: true } };
  });

  app.get('/api/auth/me', async (req) => {
    const ctx = ctxOf(req);
    const session = req.sessionToken ? await resolveSession(engine.db, req.sessionToken, policy) : undefined;
    return { data: await whoAmI(ctx.actor.userId, session?.csrfToken) };
  });
}
