import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KehuError } from '../engine/errors.ts';

/**
 * Rate limits (SEC-7, part of the "expensive endpoints"): registered with `global: false`, so only
 * routes that carry a `config.rateLimit` are limited. Counters live in the process (each process of a
 * scaled-out installation counts on its own, which only makes the limit looser by the number of processes).
 */
export async function registerRateLimits(app: FastifyInstance, expensivePerMinute = 30): Promise<void> {
  app.decorate('kehuExpensiveLimit', expensivePerMinute);
  await app.register(rateLimit, { global: false });
}

declare module 'fastify' {
  interface FastifyInstance {
    kehuExpensiveLimit: number;
  }
}

/** Per signed-in user when there is one (an office behind one NAT address shares nothing), else per address. */
const byUser = (req: FastifyRequest) => (req.kehu ? `user:${req.kehu.actor.userId}` : `ip:${req.ip}`);

/** Route config for export, import and bulk endpoints: `app.post(path, { config: expensiveRouteLimit }, handler)`. */
export const expensiveRouteLimit = {
  rateLimit: {
    max: (req: FastifyRequest) => req.server.kehuExpensiveLimit,
    timeWindow: '1 minute',
    keyGenerator: byUser,
  },
};

/** Route config for the sign-in routes: attempts per client address and minute. */
export function signInLimit(max: number) {
  return { rateLimit: { max, timeWindow: '1 minute' } };
}

type PreHandler = (req: FastifyRequest) => Promise<void>;
const passwordChecks = new WeakMap<FastifyInstance, PreHandler>();

/**
 * A preHandler for routes that check a signed-in user's password (SEC-7): at most `max` checks a minute per user
 * *and* per client address, so neither many sessions from one address nor one session from many addresses
 * can guess faster. One pair of counters per server, shared by every route that uses it.
 */
export function passwordCheckLimit(app: FastifyInstance, max: number): PreHandler {
  const known = passwordChecks.get(app);
  if (known) return known;
  const limits = [
    app.createRateLimit({ max, timeWindow: '1 minute', keyGenerator: (req) => `user:${req.kehu?.actor.userId ?? 0}` }),
    app.createRateLimit({ max, timeWindow: '1 minute', keyGenerator: (req) => `ip:${req.ip}` }),
  ];
  const handler = async (req: FastifyRequest): Promise<void> => {
    for (const limit of limits) {
      const r = await limit(req);
      if (!r.isAllowed && r.isExceeded) throw new KehuError('RATE_LIMITED');
    }
  };
  passwordChecks.set(app, handler);
  return handler;
}
