import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { loadActor } from '../engine/access/actor.ts';
import { actorOnBehalf } from '../engine/access/delegation.ts';
import { verifyPassword } from '../engine/access/password.ts';
import { createSession, endSession, resolveSession } from '../engine/access/sessions.ts';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { fetchFull } from '../engine/records/fetch.ts';
import { recordId } from '../engine/records/save.ts';
import { ctxOf } from './context.ts';
import { requestLocale } from './locale.ts';

export const sessionCookie = 'kehu_sid';
// No session needed here; /api/openapi.json is public too but resolves a session when present (INT-1).
const publicPaths = new Set(['/api/auth/login', '/api/health', '/api/ready']);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookie sessions with a CSRF token for every cookie-authenticated write (SEC-7, SEC-13). */
export function registerAuth(app: FastifyInstance, engine: Engine, config: Config): void {
  const policy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };

  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/api/') || publicPaths.has(path) || path.startsWith('/api/docs')) return;
    const token = req.cookies[sessionCookie];
    if (!token) return;
    const session = await resolveSession(engine.db, token, policy);
    if (!session) return;
    const actor = await loadActor(engine.db, session.userId);
    if (!actor) return;
    if (!safeMethods.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) {
      throw new KehuError('CSRF_FAILED');
    }
    req.sessionToken = token;
    const principal = req.headers['x-kehu-on-behalf-of'];
    const acting = typeof principal === 'string' ? await actorOnBehalf(engine.db, actor, recordId(principal)) : actor;
    req.kehu = engine.context(acting, { locale: requestLocale(req), ip: req.ip, userAgent: req.headers['user-agent'] });
  });

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(sessionCookie, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: config.sessionAbsoluteHours * 3600,
    });

  app.post('/api/auth/login', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username.trim().slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
    const r = await sql<{ id: number; password: string | null; active: boolean | null }>`select id, password, active
      from obj_user where lower(username) = lower(${username}) and deleted_at is null`.execute(engine.db);
    const user = r.rows[0];
    // Always verify (against a dummy hash for unknown users) so timing does not tell who exists.
    const ok = await verifyPassword(password, user?.password);
    if (!user || !ok || user.active === false || !username) throw new KehuError('LOGIN_FAILED');
    if (req.cookies[sessionCookie]) await endSession(engine.db, req.cookies[sessionCookie]!);
    const { token, csrfToken } = await createSession(engine.db, user.id, policy, req.ip, req.headers['user-agent']);
    setCookie(reply, token);
    const actor = (await loadActor(engine.db, user.id))!;
    const { record: me } = await fetchFull(engine.context(actor), engine.registry.get('user'), user.id);
    return { data: { user: me, csrfToken, isAdmin: actor.isAdmin, grants: actor.grants } };
  });

  app.post('/api/auth/logout', async (req, reply) => {
    if (req.sessionToken) await endSession(engine.db, req.sessionToken);
    reply.clearCookie(sessionCookie, { path: '/' });
    return { data: { ok: true } };
  });

  app.get('/api/auth/me', async (req) => {
    const ctx = ctxOf(req);
    const session = await resolveSession(engine.db, req.sessionToken!, policy);
    const { record: me } = await fetchFull(ctx, engine.registry.get('user'), ctx.actor.userId);
    return { data: { user: me, csrfToken: session?.csrfToken, isAdmin: ctx.actor.isAdmin, grants: ctx.actor.grants } };
  });
}
