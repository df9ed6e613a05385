import type { Engine } from '../../engine/kernel.ts';
import type { KehuModule } from '../module.ts';
import { alertRuleObject } from './alert-rule.object.ts';
import { registerAlertRuleHooks } from './alert-rules.ts';
import { defineAlertJobs } from './alerts.job.ts';
import { registerApprovalNotifications } from './approvals.ts';
import { defineEmailJob } from './email.job.ts';
import { notificationObject, notificationPreferenceObject } from './notification.object.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';
import { eventReminders, taskReminders } from './reminder-sources.ts';
import { defineReminderJob, registerReminderSource } from './reminders.ts';
import { bindRuntime, defaultNotifyOptions, type NotifyOptions } from './runtime.ts';
import { registerSecurityAlerts } from './security-alerts.ts';
import { registerStreamRoutes } from './stream.routes.ts';
import { registerWorkbenchRoutes } from './workbench.routes.ts';
import { registerBuiltinSections } from './workbench-sections.ts';

/**
 * Notifications, reminders and the workbench (NOTIF-1 … 3, TEAM-5): the notification centre with live unread
 * counts, email by preference, reminders of events and tasks, user-defined alerts, security alerts to
 * administrators (SEC-7a), and the workbench sections.
 * Other modules call `notify()`, `registerNotificationKind()`, `registerReminderSource()` and
 * `registerWorkbenchSection()`.
 */
export function createNotifyModule(opts: Partial<NotifyOptions> = {}): KehuModule {
  const options = { ...defaultNotifyOptions, ...opts };
  return {
    name: 'notify',
    objects: [notificationObject, notificationPreferenceObject, alertRuleObject],
    setup(engine: Engine) {
      bindRuntime(engine, options);
      defineEmailJob(engine, options);
      defineReminderJob(engine, options);
      defineAlertJobs(engine);
      registerReminderSource(engine, eventReminders(engine.timezone));
      registerReminderSource(engine, taskReminders(engine.timezone));
      registerAlertRuleHooks(engine);
      registerBuiltinSections(engine);
      registerSecurityAlerts(engine);
      registerApprovalNotifications(engine);
    },
    routes(app, engine) {
      registerNotificationRoutes(app);
      registerStreamRoutes(app, engine);
      registerWorkbenchRoutes(app, engine);
    },
  };
}

export const notifyModule = createNotifyModule();
