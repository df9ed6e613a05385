import { validationFailed } from '../errors.ts';
import type { Registry } from '../metadata/registry.ts';
import type { WriteEvent } from '../records/hooks.ts';
import { invalidEntries } from './ip-allow.ts';
import { endUserSessions } from './sessions.ts';

function checkAllowedIps(e: WriteEvent) {
  const col = e.object.fields.get('allowedIps')?.column;
  const v = col ? e.values[col] : undefined;
  if (typeof v === 'string' && invalidEntries(v).length) throw validationFailed({ allowedIps: 'format' });
}

/**
 * Sign-in rules that must hold however a user changes — form, import, bulk edit (SEC-7): a disabled, deleted or
 * re-passworded user loses every session at once, inside the same transaction; IP lists must be valid.
 */
export function registerUserHooks(registry: Registry): void {
  registry.hooks.on('role', { before: (_ctx, e) => checkAllowedIps(e) });
  registry.hooks.on('user', {
    before: (_ctx, e) => checkAllowedIps(e),
    async after(ctx, e) {
      if (!e.id || (e.action !== 'update' && e.action !== 'delete' && e.action !== 'restore')) return;
      const pw = e.object.fields.get('password')?.column ?? 'password';
      const active = e.object.fields.get('active')?.column ?? 'active';
      if (e.action === 'delete' || e.values[pw] !== undefined || e.values[active] === false) {
        await endUserSessions(ctx.db, e.id);
      }
    },
  });
}
