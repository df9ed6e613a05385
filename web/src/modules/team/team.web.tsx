import { type ComponentType, lazy } from 'react';
import { lazyPage, lazyPart, type NavEntry, type WebModule } from '../../engine/extensions.ts';

const reads =
  (name: string): NavEntry['visible'] =>
  ({ objects }) =>
    objects.some((o) => o.name === name);

const entry = (
  path: string,
  labelKey: string,
  icon: NavEntry['icon'],
  object: string,
  place: Pick<NavEntry, 'group' | 'order' | 'replaces'>,
): NavEntry => ({ path, labelKey, icon, ...place, visible: reads(object) });

const widget = (name: 'TodayWidget' | 'OverdueWidget' | 'NoContactWidget' | 'AlertsWidget' | 'MoreWidget') =>
  lazy(async () => ({ default: (await import('./workbench-widgets.tsx'))[name] as ComponentType }));

const logActivity = lazyPart(() => import('./log-activity-action.tsx'));
const activitiesTab = lazy(() => import('./activities-tab.tsx'));
/** Records an activity is logged from (TEAM-2); opportunity only counts where the sales module is installed. */
const linked = ['customer', 'contact', 'opportunity'];

/**
 * Team work and notifications (TEAM-1 … TEAM-7, NOTIF-1 … 2): calendar, my tasks, work reports, expense statistics,
 * address book, alert rules and notification settings; "log a visit" on customers; the workbench cards at home.
 */
export const teamWeb: WebModule = {
  name: 'team',
  routes: [
    lazyPage('team/calendar', () => import('./calendar.page.tsx')),
    lazyPage('team/tasks', () => import('./tasks.page.tsx')),
    lazyPage('team/reports', () => import('./reports.page.tsx')),
    lazyPage('team/expenses', () => import('./expense-stats.page.tsx')),
    lazyPage('team/address-book', () => import('./address-book.page.tsx')),
    lazyPage('team/alerts', () => import('./alerts.page.tsx')),
    lazyPage('notifications/settings', () => import('./notification-settings.page.tsx')),
  ],
  nav: [
    // The day's work: the calendar and my tasks stand for the event and task lists (each links to its list).
    entry('/team/calendar', 'team.calendar.title', 'calendar', 'event', {
      group: 'workbench',
      order: 20,
      replaces: 'event',
    }),
    entry('/team/tasks', 'team.tasks.title', 'check-square', 'task', {
      group: 'workbench',
      order: 30,
      replaces: 'task',
    }),
    entry('/team/alerts', 'team.alerts.title', 'alert', 'alertRule', { group: 'workbench', order: 40 }),
    entry('/team/reports', 'team.reports.title', 'file-text', 'workReport', { group: 'team', order: 10 }),
    entry('/team/address-book', 'team.addressBook.title', 'contacts', 'user', { group: 'team', order: 40 }),
    entry('/team/expenses', 'team.expenses.title', 'account-book', 'expense', { group: 'reports', order: 50 }),
  ],
  // Reached through their own pages (reports and their comments, the bell, the alerts page), not the object list.
  hiddenObjects: ['workReport', 'workReportComment', 'notification', 'notificationPreference', 'alertRule'],
  recordActions: [
    ...linked.map((object) => ({ object, key: 'log-activity', Component: logActivity })),
    { object: 'expense', key: 'reimburse', Component: lazy(() => import('./expense-status-action.tsx')) },
  ],
  recordTabs: linked.map((object) => ({
    object,
    key: 'activities',
    labelKey: 'team.activity.tab',
    Component: activitiesTab,
  })),
  homeWidgets: [
    { key: 'team-today', Component: widget('TodayWidget') },
    { key: 'team-overdue', Component: widget('OverdueWidget') },
    { key: 'team-no-contact', Component: widget('NoContactWidget') },
    { key: 'team-alerts', Component: widget('AlertsWidget') },
    { key: 'team-more', Component: widget('MoreWidget') },
  ],
};
