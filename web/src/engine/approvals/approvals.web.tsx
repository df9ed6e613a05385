import { lazy } from 'react';
import { lazyPage, type WebModule } from '../extensions.ts';
import { useTodoCount } from './counts-api.ts';

/**
 * Approvals, a platform part for every object (WF-2, WF-4, issue 15): the approval center (工作台 › 审批, with the
 * tasks waiting as its badge), an instance's page, the 待我审批 card at home, and the flow designer for
 * administrators (系统设置 › 审批流程). 提交审批 on record pages comes with the generic detail page.
 */
export const approvalsWeb: WebModule = {
  name: 'approvals',
  routes: [
    lazyPage('approvals', () => import('./center.page.tsx')),
    lazyPage('approvals/:id', () => import('./instance.page.tsx')),
    lazyPage('admin/flows', () => import('./flows.page.tsx')),
    lazyPage('admin/flows/:id', () => import('./designer.page.tsx')),
  ],
  nav: [
    {
      path: '/approvals',
      labelKey: 'approvals.title',
      icon: 'audit',
      group: 'workbench',
      order: 15,
      useCount: useTodoCount,
    },
    {
      path: '/admin/flows',
      labelKey: 'approvals.designer.title',
      icon: 'branches',
      group: 'settings',
      order: 45,
      visible: (env) => env.isAdmin,
    },
  ],
  homeWidgets: [{ key: 'approvals-todo', Component: lazy(() => import('./todo-widget.tsx')) }],
};
