import { lazyPage, type WebModule } from '../../engine/extensions.ts';

/** Stats part of the customers module's web client: the 客户统计 page (CUS-4). */
export const statsWeb: Omit<WebModule, 'name'> = {
  routes: [lazyPage('customers/stats', () => import('./stats.page.tsx'))],
  nav: [
    {
      path: '/customers/stats',
      labelKey: 'customers.stats.title',
      icon: 'bar-chart',
      group: 'reports',
      order: 10,
      visible: ({ objects }) => objects.some((o) => o.name === 'customer'),
    },
  ],
};
