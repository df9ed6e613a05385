import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import type { Config } from '../config.ts';
import { signInPolicy } from '../engine/access/ip-allow.ts';
import { confirmPassword } from '../engine/access/sign-in.ts';
import { otpauthUrl } from '../engine/access/totp.ts';
import { confirmEnrolment, disableTwoFactor, startEnrolment, twoFactorEnabled } from '../engine/access/two-factor.ts';
import { KehuError, validationFailed } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { recordId } from '../engine/records/save.ts';
import { signInSettings } from './auth.routes.ts';
import { ctxOf } from './context.ts';
import { passwordCheckLimit } from './rate-limits.ts';

const passwordLabel = { 'zh-CN': '密码', 'en-US': 'Password' };

const field = (body: unknown, name: string, max: number) => {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

/** TOTP two-factor sign-in (SEC-7): enrol with a QR code, recovery codes shown once, disable, admin reset. */
export function registerTwoFactorRoutes(app: FastifyInstance, engine: Engine, config: Config): void {
  const settings = signInSettings(config);

  app.post('/api/auth/2fa/setup', async (req) => {
    const ctx = ctxOf(req);
    if (await twoFactorEnabled(engine.db, ctx.actor.userId))
      throw new KehuError('BAD_REQUEST', { detail: '2fa enabled' });
    const secret = await startEnrolment(engine.db, ctx.actor.userId);
    const r = await sql<{ username: string }>`select username from obj_user where id = ${ctx.actor.userId}`.execute(
      engine.db,
    );
    const url = otpauthUrl(secret, r.rows[0]?.username ?? String(ctx.actor.userId));
    const qr = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    return { data: { secret, otpauthUrl: url, qr } };
  });

  app.post('/api/auth/2fa/enable', async (req) => {
    const ctx = ctxOf(req);
    const codes = await confirmEnrolment(engine.db, ctx.actor.userId, field(req.body, 'code', 10).trim());
    if (!codes) throw validationFailed({ code: 'incorrect' });
    return { data: { enabled: true, recoveryCodes: codes } };
  });

  /** The password is checked like a sign-in (SEC-7): rate limited, counted towards the lock, not checked while locked. */
  app.post('/api/auth/2fa/disable', { preHandler: passwordCheckLimit(app, config.loginRateLimit) }, async (req) => {
    const ctx = ctxOf(req);
    if ((await signInPolicy(engine.db, ctx.actor.userId)).requireTwoFactor) throw new KehuError('TWO_FACTOR_REQUIRED');
    const check = await confirmPassword(engine, settings, ctx.actor.userId, field(req.body, 'password', 200), ctx);
    if (check === 'locked') throw new KehuError('LOGIN_FAILED');
    if (check === 'wrong') throw validationFailed({ password: 'incorrect' }, { password: passwordLabel });
    await disableTwoFactor(engine.db, ctx.actor.userId);
    return { data: { enabled: false } };
  });

  /** For a user who lost both the device and the recovery codes: an administrator turns two-factor off. */
  app.post<{ Params: { id: string } }>('/api/auth/2fa/reset/:id', async (req) => {
    const ctx = ctxOf(req);
    if (!ctx.actor.isAdmin) throw new KehuError('FORBIDDEN');
    await disableTwoFactor(engine.db, recordId(req.params.id));
    return { data: { enabled: false } };
  });
}
