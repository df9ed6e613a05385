import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

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
