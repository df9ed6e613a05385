import type { Label, Locale } from '@kehu/common';

/** A message key and its parameters: rendered in the reader's language when shown, not when created. */
export interface MessageRef {
  key: string;
  params?: Record<string, unknown>;
}

/** What notifications may say: texts live here (and in modules that register theirs), never in rows. */
const catalogs: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    'notify.reminder.event': '日程提醒：{title}',
    'notify.reminder.event.body': '{title} 将于 {at} 开始',
    'notify.reminder.task': '任务提醒：{title}',
    'notify.reminder.task.body': '{title} 截止于 {at}',
    'notify.alert': '预警：{name}',
    'notify.alert.body': '有 {count} 条{object}符合条件',
    'notify.email.footer': '此邮件由客户管理系统自动发送；可在“通知设置”中关闭邮件通知。',
    'notify.email.open': '打开',
    'notify.workbench.todayEvents': '今日日程',
    'notify.workbench.todayTasks': '今日任务',
    'notify.workbench.overdueTasks': '逾期任务',
    'notify.workbench.noContact': '{months} 个月未联系的客户',
    'notify.workbench.birthdays': '本月生日的联系人',
    'notify.workbench.alerts': '我的预警',
  },
  'en-US': {
    'notify.reminder.event': 'Reminder: {title}',
    'notify.reminder.event.body': '{title} starts at {at}',
    'notify.reminder.task': 'Task reminder: {title}',
    'notify.reminder.task.body': '{title} is due at {at}',
    'notify.alert': 'Alert: {name}',
    'notify.alert.body': '{count} {object} records match',
    'notify.email.footer': 'Sent automatically by Kehu CRM; turn email notifications off under notification settings.',
    'notify.email.open': 'Open',
    'notify.workbench.todayEvents': "Today's events",
    'notify.workbench.todayTasks': "Today's tasks",
    'notify.workbench.overdueTasks': 'Overdue tasks',
    'notify.workbench.noContact': 'Customers not contacted for {months} months',
    'notify.workbench.birthdays': 'Contacts with birthdays this month',
    'notify.workbench.alerts': 'My alerts',
  },
};

/** Modules add the texts of their notifications (same keys in both languages). */
export function registerNotifyMessages(zhCN: Record<string, string>, enUS: Record<string, string>): void {
  Object.assign(catalogs['zh-CN'], zhCN);
  Object.assign(catalogs['en-US'], enUS);
}

/** A message in one language, `{name}` placeholders filled; unknown keys show as themselves. */
export function renderMessage(locale: Locale, ref: MessageRef | string | null | undefined): string {
  if (ref === null || ref === undefined) return '';
  if (typeof ref === 'string') return ref;
  const text = catalogs[locale]?.[ref.key] ?? catalogs['zh-CN'][ref.key] ?? ref.key;
  const params = ref.params ?? {};
  return text.replace(/\{(\w+)\}/g, (_, n: string) => {
    const v = params[n];
    if (v === undefined || v === null) return `{${n}}`;
    // A parameter may itself be a label in several languages (an object's name).
    if (typeof v === 'object' && 'zh-CN' in (v as object)) return (v as Label)[locale] ?? (v as Label)['zh-CN'];
    return String(v);
  });
}

export type Channel = 'inApp' | 'email';

/** A kind of notification and the channels it uses until the user says otherwise (NOTIF-2). */
export interface NotificationKind {
  name: string;
  label: Label;
  channels: Channel[];
}

const kinds = new Map<string, NotificationKind>();

/** Modules declare the kinds they send (workflow approvals, order payments …). */
export function registerNotificationKind(kind: NotificationKind): void {
  kinds.set(kind.name, kind);
}

export const notificationKinds = (): NotificationKind[] => [...kinds.values()];
export const notificationKind = (name: string): NotificationKind | undefined => kinds.get(name);

registerNotificationKind({
  name: 'reminder',
  label: { 'zh-CN': '日程与任务提醒', 'en-US': 'Event and task reminders' },
  channels: ['inApp', 'email'],
});
registerNotificationKind({
  name: 'alert',
  label: { 'zh-CN': '自定义预警', 'en-US': 'Alerts' },
  channels: ['inApp'],
});
registerNotificationKind({
  name: 'message',
  label: { 'zh-CN': '系统消息', 'en-US': 'Messages' },
  channels: ['inApp'],
});
