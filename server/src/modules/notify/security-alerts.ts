import { type AccountLockedPayload, accountLockedAction, administratorIds } from '../../engine/access/account-lock.ts';
import type { RecordEvent } from '../../engine/events/bus.ts';
import type { Engine } from '../../engine/kernel.ts';
import { registerNotificationKind, registerNotifyMessages } from './messages.ts';
import { notify } from './notify.service.ts';

registerNotificationKind({
  name: 'securityAlert',
  label: { 'zh-CN': '安全警报', 'en-US': 'Security alerts' },
  channels: ['inApp', 'email'],
});

registerNotifyMessages(
  {
    'notify.security.accountLocked': '账号“{username}”已被锁定',
    'notify.security.accountLocked.body':
      '来自 {addresses} 个不同地址的连续 {failures} 次登录失败，该账号已锁定 {minutes} 分钟。可能有人在猜测密码，请核查登录记录。',
  },
  {
    'notify.security.accountLocked': 'Account "{username}" locked',
    'notify.security.accountLocked.body':
      '{failures} failed sign-ins in a row from {addresses} different addresses: the account is locked for {minutes} minutes. Someone may be guessing its password; check the login history.',
  },
);

/**
 * SEC-7a: when the engine locks an account after failures from many addresses (an `accountLocked` event on the
 * bus), every administrator is alerted, in the app and by email when they want it. One alert per lock: the
 * event id is the notification key, so a retried event does not alert twice.
 */
export function registerSecurityAlerts(engine: Engine): void {
  engine.bus.subscribe('notify.securityAlerts', async (e: RecordEvent) => {
    if (e.object !== 'user' || e.action !== accountLockedAction) return;
    const p = e.payload as unknown as AccountLockedPayload;
    await notify(engine.systemContext(), {
      to: await administratorIds(engine.db),
      kind: 'securityAlert',
      title: { key: 'notify.security.accountLocked', params: { username: p.username } },
      body: {
        key: 'notify.security.accountLocked.body',
        params: { failures: p.failures, addresses: p.addresses, minutes: p.minutes },
      },
      link: e.recordId ? { object: 'user', id: e.recordId } : undefined,
      key: `accountLocked:${e.id}`,
    });
  });
}
