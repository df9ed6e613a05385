import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../engine/context.ts';
import { KehuError } from '../engine/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    kehu?: Ctx;
    sessionToken?: string;
  }
}

/** The signed-in caller's engine context, or UNAUTHENTICATED. */
export function ctxOf(req: FastifyRequest): Ctx {
  if (!req.kehu) throw new KehuError('UNAUTHENTICATED');
  return req.kehu;
}

/** Refuse query parameters the route does not know (they are never silently ignored). */
export function allowParams(req: FastifyRequest, allowed: readonly string[]): Record<string, string> {
  const q = (req.query ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(q)) {
    if (k === 'lang') continue;
    if (!allowed.includes(k)) throw new KehuError('UNKNOWN_PARAMETER', { parameter: k.slice(0, 40) });
    if (typeof v !== 'string') throw new KehuError('UNKNOWN_PARAMETER', { parameter: k });
  }
  return q as Record<string, string>;
}

/**
 * A JSON object body (absent = empty) with only the given keys, when keys are given: unknown ones are refused,
 * never ignored.
 */
export function bodyOf(req: FastifyRequest, keys?: readonly string[]): Record<string, unknown> {
  const b = req.body ?? {};
  if (typeof b !== 'object' || b === null || Array.isArray(b))
    throw new KehuError('BAD_REQUEST', { detail: 'body must be a JSON object' });
  if (keys)
    for (const k of Object.keys(b))
      if (!keys.includes(k)) throw new KehuError('UNKNOWN_PARAMETER', { parameter: k.slice(0, 40) });
  return b as Record<string, unknown>;
}
