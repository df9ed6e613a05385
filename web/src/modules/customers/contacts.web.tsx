import { GiftOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { lazyPage, type WebModule } from '../../engine/extensions.ts';

const readsContacts = ({ objects }: { objects: { name: string }[] }) => objects.some((o) => o.name === 'contact');

/** Contacts part of the customers module's web client (CUS-10): org chart, birthdays, group email. */
export const contactsWeb: Omit<WebModule, 'name'> = {
  routes: [lazyPage('contacts/birthdays', () => import('./birthdays.page.tsx'))],
  nav: [
    {
      path: '/contacts/birthdays',
      labelKey: 'customers.contacts.birthdays',
      icon: <GiftOutlined />,
      group: 'data',
      visible: readsContacts,
    },
  ],
  recordTabs: [
    {
      object: 'customer',
      key: 'org-chart',
      labelKey: 'customers.contacts.orgChart',
      Component: lazy(() => import('./org-chart-tab.tsx')),
    },
  ],
  listActions: [{ object: 'contact', key: 'group-email', Component: lazy(() => import('./group-email-action.tsx')) }],
  homeWidgets: [{ key: 'birthdays', Component: lazy(() => import('./birthdays-widget.tsx')) }],
};
