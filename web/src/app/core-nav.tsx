import type { NavEntry, NavEnv } from '../engine/extensions.ts';
import { manages } from './nav-model.ts';

const object = (env: NavEnv, name: string) => env.objects.find((o) => o.name === name);

/** The shell's own menu entries: the workbench, and the administration pages under settings. */
export const coreNav: NavEntry[] = [
  { path: '/', labelKey: 'nav.home', icon: 'home', group: 'workbench', order: 10 },
  {
    path: '/admin/departments',
    labelKey: 'nav.departments',
    icon: 'apartment',
    group: 'settings',
    order: 20,
    replaces: 'department',
    visible: (env) => manages(object(env, 'department'), env.isAdmin),
  },
  {
    path: '/admin/roles',
    labelKey: 'nav.roles',
    icon: 'safety-certificate',
    group: 'settings',
    order: 30,
    replaces: 'role',
    visible: (env) => env.isAdmin,
  },
  {
    path: '/admin/objects',
    labelKey: 'nav.objects',
    icon: 'database',
    group: 'settings',
    order: 40,
    visible: (env) => env.isAdmin,
  },
  {
    path: '/admin/layouts',
    labelKey: 'nav.layouts',
    icon: 'layout',
    group: 'settings',
    order: 50,
    replaces: 'objectLayout',
    visible: (env) => env.isAdmin,
  },
];
