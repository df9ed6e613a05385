import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { confirmPassword } from '../engine/access/sign-in.ts';
import type { Ctx } from '../engine/context.ts';
import { KehuError, validationFailed } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { listRecords } from '../engine/query/list.ts';
import { updateRecord } from '../engine/records/save.ts';
import { signInSettings } from './auth.routes.ts';
import { allowParams, ctxOf } from './context.ts';
import { toListQuery } from './objects.routes.ts';
import { passwordCheckLimit } from './rate-limits.ts';
import { sessionStarter } from './session-start.ts';

/** How the fields of the password change are named in messages. */
const labels = {
  currentPassword: { 'zh-CN': '当前密码', 'en-US': 'Current password' },
  newPassword: { 'zh-CN': '新密码', 'en-US': 'New password' },
};

/** The caller acting on their own user record only, whatever their roles grant (own data, SEC-8). */
function ownContext(engine: Engine, ctx: Ctx, grants: Record<string, Record<string, 'own'>>): Ctx {
  const { userId, name, departmentId } = ctx.actor;
  return engine.context(
    { userId, name, departmentId, isAdmin: false, grants },
    { locale: ctx.locale, ip: ctx.ip, userAgent: ctx.userAgent },
  );
}

/** A user's own account: password change and login history (SEC-7, SEC-8). */
export function registerAccountRoutes(app: FastifyInstance, engine: Engine, config: Config): void {
  const settings = signInSettings(config);
  const { startSession } = sessionStarter(engine, config);

  /**
   * Every session of the user ends (the pipeline's user hook); this client gets a fresh one. The current password
   * is checked like a sign-in (SEC-7): rate limited, wrong answers count towards the lock, not checked while locked.
   */
  app.post('/api/auth/password', { preHandler: passwordCheckLimit(app, config.loginRateLimit) }, async (req, reply) => {
    const ctx = ctxOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const current = typeof body.currentPassword === 'string' ? body.currentPassword.slice(0, 200) : '';
    if (typeof body.newPassword !== 'string') throw validationFailed({ newPassword: 'required' }, labels);
    const check = await confirmPassword(engine, settings, ctx.actor.userId, current, ctx);
    if (check === 'locked') throw new KehuError('LOGIN_FAILED');
    if (check === 'wrong') throw validationFailed({ currentPassword: 'incorrect' }, labels);
    const own = ownContext(engine, ctx, { user: { update: 'own' } });
    try {
      await updateRecord(own, 'user', ctx.actor.userId, { password: body.newPassword }, { internal: true });
    } catch (err) {
      // Report the problem under the name the client sent.
      if (err instanceof KehuError && err.fields?.password)
        throw validationFailed({ newPassword: err.fields.password }, labels);
      throw err;
    }
    return startSession(req, reply, ctx.actor.userId);
  });

  /** The caller's own sign-ins, failures and sign-outs, newest first; administrators read everyone's as records. */
  app.get('/api/auth/login-history', async (req) => {
    const ctx = ctxOf(req);
    const q = toListQuery(allowParams(req, ['filter', 'sort', 'limit', 'cursor', 'count']), false);
    return listRecords(
      ownContext(engine, ctx, { loginHistory: { read: 'own' } }),
      engine.registry.get('loginHistory'),
      q,
    );
  });
}
