import { lazy } from 'react';
import { lazyPage, lazyPart, type WebModule } from '../../engine/extensions.ts';
import type { ObjectMeta } from '../../engine/metadata.ts';

const customerMeta = (objects: ObjectMeta[]) => objects.find((o) => o.name === 'customer');
const assigns = ({ objects }: { objects: ObjectMeta[] }) => (customerMeta(objects)?.rights.assign ?? 'none') !== 'none';

/** Ownership part of the customers module (CUS-7, CUS-8): pool, claims, transfers, handover, transfer requests. */
export const ownershipWeb: Omit<WebModule, 'name'> = {
  routes: [
    lazyPage('customers/pool', () => import('./pool.page.tsx')),
    lazyPage('customers/handover', () => import('./transfer-handover.page.tsx')),
    lazyPage('customers/transfer-requests', () => import('./transfer-requests.page.tsx')),
  ],
  nav: [
    {
      path: '/customers/pool',
      labelKey: 'customers.ownership.pool',
      icon: 'inbox',
      group: 'customers',
      order: 30,
      visible: ({ objects }) => !!customerMeta(objects),
    },
    {
      path: '/customers/transfer-requests',
      labelKey: 'customers.ownership.requests',
      icon: 'audit',
      group: 'customers',
      order: 60,
      replaces: 'customerTransferRequest',
      visible: ({ objects }) => objects.some((o) => o.name === 'customerTransferRequest'),
    },
    {
      path: '/customers/handover',
      labelKey: 'customers.ownership.handover',
      icon: 'user-switch',
      group: 'customers',
      order: 70,
      visible: assigns,
    },
  ],
  hiddenObjects: ['customerPoolClaim', 'customerConflict'],
  recordActions: [
    { object: 'customer', key: 'ownership', Component: lazyPart(() => import('./ownership-actions.tsx')) },
  ],
  listActions: [{ object: 'customer', key: 'transfer', Component: lazy(() => import('./transfer-action.tsx')) }],
  formPanels: [
    { object: 'customer', key: 'ownership-conflict', Component: lazy(() => import('./ownership-conflict-panel.tsx')) },
  ],
};
