import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { loadActor } from '../engine/access/actor.ts';
import { signInPolicy } from '../engine/access/ip-allow.ts';
import { createSession, endSession } from '../engine/access/sessions.ts';
import { KehuError } from '../engine/errors.ts';
import type { Engine } from '../engine/kernel.ts';
import { fetchFull } from '../engine/records/fetch.ts';
import { sessionCookie, sessionPolicy } from './authenticate.ts';

/** Starting sessions and describing the signed-in user, shared by sign-in and password change. */
export function sessionStarter(engine: Engine, config: Config) {
  const policy = sessionPolicy(config);

  /** What the client needs after sign-in or on reload: the user, the CSRF token, rights, two-factor state. */
  const whoAmI = async (userId: number, csrfToken: string | undefined) => {
    const actor = await loadActor(engine.db, userId);
    if (!actor) throw new KehuError('UNAUTHENTICATED');
    const { record: me } = await fetchFull(engine.context(actor), engine.registry.get('user'), userId);
    const rules = await signInPolicy(engine.db, userId);
    const twoFactor = { enabled: rules.twoFactorEnabled, required: rules.requireTwoFactor };
    return { user: me, csrfToken, isAdmin: actor.isAdmin, grants: actor.grants, twoFactor };
  };

  /** A brand-new session (never the id the client brought: no fixation) for a user who proved who they are. */
  const startSession = async (req: FastifyRequest, reply: FastifyReply, userId: number) => {
    if (!(await loadActor(engine.db, userId))) throw new KehuError('LOGIN_FAILED');
    const old = req.cookies[sessionCookie];
    if (old) await endSession(engine.db, old);
    const { token, csrfToken } = await createSession(engine.db, userId, policy, req.ip, req.headers['user-agent']);
    reply.setCookie(sessionCookie, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: config.sessionAbsoluteHours * 3600,
    });
    return { data: await whoAmI(userId, csrfToken) };
  };

  return { whoAmI, startSession };
}
