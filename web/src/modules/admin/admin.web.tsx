import { lazyPage, type WebModule } from '../../engine/extensions.ts';

/**
 * Administration pages contributed like a module's (the shell's own ones are in app/core-nav.tsx): the data
 * dictionary of every picklist (WF-7), under 系统设置 after 对象与字段.
 */
export const adminWeb: WebModule = {
  name: 'admin',
  routes: [lazyPage('admin/dictionary', () => import('./dictionary.page.tsx'))],
  nav: [
    {
      path: '/admin/dictionary',
      labelKey: 'dictionary.title',
      icon: 'book',
      group: 'settings',
      order: 45,
      visible: (env) => env.isAdmin,
    },
  ],
};
