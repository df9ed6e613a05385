import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KehuError } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import { createRecord } from '../../engine/records/save.ts';

/** Users whose last exact values are remembered (one short hash each) before the oldest are forgotten. */
const maxRemembered = 10_000;

interface Audit {
  fields: string[];
  matches?: number;
  recordId?: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on a duplicate check that carries exact values (SEC-14): what its operation log entry says. */
    duplicateAudit?: Audit;
  }
}

type Limit = ReturnType<FastifyInstance['createRateLimit']>;
const limits = new WeakMap<FastifyInstance, Limit>();

/** One counter per user for every duplicate check of the server (customers and contacts count together). */
function sharedLimit(app: FastifyInstance): Limit {
  let limit = limits.get(app);
  if (!limit) {
    limit = app.createRateLimit({
      max: (req) => req.server.kehuExpensiveLimit,
      timeWindow: '1 minute',
      keyGenerator: (req) => `duplicates:user:${req.kehu?.actor.userId ?? 0}`,
    });
    limits.set(app, limit);
  }
  return limit;
}

/** A match found on one of the exact values (not by a similar name alone). */
const exactReasons = new Set(['sameCreditCode', 'samePhone', 'sameEmail']);

/**
 * SEC-14 for a duplicate check (CUS-5). The check looks beyond the caller's scope and past masking on purpose
 * (撞单), so an exact value typed in full — a phone, an email, a credit code — is answered "a record has exactly
 * this". Repeated, that would recover a masked phone (`+86138****8000` leaves 10,000 candidates). So a check that
 * carries exact values is treated like a reveal: rate limited per user (the expensive-endpoint limit a minute, for
 * customer and contact checks together) and written to the operation log. Sending the same values again (the form
 * re-checks while a name is typed) is neither counted nor logged again: it confirms nothing new. A check by name
 * alone is neither.
 */
export function duplicateGuard(
  app: FastifyInstance,
  engine: Engine,
  object: string,
  exactValues: (body: Record<string, unknown>) => Record<string, string | undefined>,
) {
  const limit = sharedLimit(app);
  const last = new Map<number, string>();
  const remember = (user: number, key: string) => {
    last.delete(user);
    if (last.size >= maxRemembered) last.delete(last.keys().next().value!);
    last.set(user, key);
  };

  async function preHandler(req: FastifyRequest): Promise<void> {
    const body = req.body;
    if (!req.kehu || typeof body !== 'object' || body === null || Array.isArray(body)) return;
    const values = exactValues(body as Record<string, unknown>);
    const fields = Object.keys(values)
      .filter((f) => values[f] !== undefined)
      .sort();
    if (fields.length === 0) return;
    const user = req.kehu.actor.userId;
    // The record left out is part of what is asked: which record holds the value is an answer too.
    const asked = [fields.map((f) => [f, values[f]]), (body as Record<string, unknown>).excludeId ?? null];
    const key = createHash('sha256').update(JSON.stringify(asked)).digest('base64url');
    if (last.get(user) === key) return;
    req.duplicateAudit = { fields };
    const r = await limit(req);
    if (!r.isAllowed && r.isExceeded) throw new KehuError('RATE_LIMITED');
    remember(user, key);
  }

  /** Written before the response leaves, whatever its outcome (like the engine's operation log). */
  async function onSend(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const audit = req.duplicateAudit;
    if (!audit || !req.kehu) return payload;
    const actor = req.kehu.actor;
    const found = audit.matches === undefined ? '' : `: ${audit.matches} exact match(es)`;
    try {
      await createRecord(
        engine.systemContext(),
        'operationLog',
        {
          at: new Date().toISOString(),
          actor: actor.userId || null,
          onBehalfOf: actor.onBehalfOf ?? null,
          ip: req.ip,
          userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
          method: req.method,
          action: `${req.method} ${req.routeOptions.url ?? req.url}`,
          path: req.url.split('?')[0].slice(0, 500),
          targetObject: object,
          recordId: audit.recordId ?? null,
          status: reply.statusCode,
          detail: `duplicate check by ${audit.fields.join(', ')}${found}`.slice(0, 500),
        },
        { internal: true },
      );
    } catch (err) {
      req.log.error({ err }, 'operation log write failed');
    }
    return payload;
  }

  /** What the check answered on its exact values: how many candidates matched one, and the first readable one. */
  function answered(req: FastifyRequest, found: Array<{ id: number | null; reasons: string[] }>): void {
    if (!req.duplicateAudit) return;
    const exact = found.filter((c) => c.reasons.some((r) => exactReasons.has(r)));
    req.duplicateAudit.matches = exact.length;
    req.duplicateAudit.recordId = exact.find((c) => c.id !== null)?.id ?? null;
  }

  return { preHandler, onSend, answered };
}
