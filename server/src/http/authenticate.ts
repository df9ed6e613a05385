import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { apiKeyUser } from '../engine/access/api-keys.ts';
import { actorOnBehalf } from '../engine/access/delegation.ts';
import { ipPermitted } from '../engine/access/ip-allow.ts';
import { resolveSession } from '../engine/access/sessions.ts';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { recordId } from '../engine/records/save.ts';
import { requestLocale } from './locale.ts';

export const sessionCookie = 'kehu_sid';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a user whose role requires two-factor sign-in may still do before enrolling (SEC-7). */
const enrolmentPaths = new Set([
  '/api/auth/login',
  '/api/auth/login/2fa',
  '/api/auth/logout',
  '/api/auth/me',
  '/api/auth/2fa/setup',
  '/api/auth/2fa/enable',
  '/api/health',
  '/api/ready',
  '/api/openapi.json',
]);

export const sessionPolicy = (config: Config) => ({
  idleMinutes: config.sessionIdleMinutes,
  absoluteHours: config.sessionAbsoluteHours,
});

/**
 * Who is calling (SEC-7, INT-1): an API key (`Authorization: Bearer`, no cookies, so no CSRF token) or a session
 * cookie (CSRF token required on writes). Either way the user must be active and calling from an allowed address;
 * otherwise the request stays anonymous and protected routes answer 401.
 */
export function callerResolver(engine: Engine, config: Config) {
  const policy = sessionPolicy(config);
  return async (req: FastifyRequest, path: string): Promise<void> => {
    const auth = req.headers.authorization;
    let userId: number | undefined;
    const viaKey = typeof auth === 'string' && /^bearer\s/i.test(auth);
    if (viaKey) {
      userId = await apiKeyUser(engine.db, auth.slice(7).trim());
    } else {
      const token = req.cookies[sessionCookie];
      if (!token) return;
      const session = await resolveSession(engine.db, token, policy);
      if (!session) return;
      if (!safeMethods.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) {
        throw new KehuError('CSRF_FAILED');
      }
      req.sessionToken = token;
      userId = session.userId;
    }
    if (userId === undefined) return;
    const caller = await engine.accessCache.caller(userId);
    if (!caller) return;
    const { actor, policy: rules } = caller;
    if (!ipPermitted(rules, req.ip)) return;
    if (!viaKey && rules.requireTwoFactor && !rules.twoFactorEnabled && !enrolmentPaths.has(path)) {
      throw new KehuError('TWO_FACTOR_REQUIRED');
    }
    const principal = req.headers['x-kehu-on-behalf-of'];
    const acting = typeof principal === 'string' ? await actorOnBehalf(engine.db, actor, recordId(principal)) : actor;
    req.kehu = engine.context(acting, { locale: requestLocale(req), ip: req.ip, userAgent: req.headers['user-agent'] });
  };
}
