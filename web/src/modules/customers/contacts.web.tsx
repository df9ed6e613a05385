import { lazy } from 'react';
import { lazyPage, type WebModule } from '../../engine/extensions.ts';
import { firstContactSaver } from './first-contact-saver.ts';

const readsContacts = ({ objects }: { objects: { name: string }[] }) => objects.some((o) => o.name === 'contact');

/**
 * Contacts part of the customers module's web client (CUS-10): org chart, birthdays, group email, and the first
 * contact typed on the new-customer form.
 */
export const contactsWeb: Omit<WebModule, 'name'> = {
  routes: [lazyPage('contacts/birthdays', () => import('./birthdays.page.tsx'))],
  nav: [
    {
      path: '/contacts/birthdays',
      labelKey: 'customers.contacts.birthdays',
      icon: 'gift',
      group: 'customers',
      order: 50,
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
  formPanels: [
    { object: 'customer', key: 'first-contact', Component: lazy(() => import('./first-contact-panel.tsx')) },
  ],
  formSavers: [firstContactSaver],
  listActions: [{ object: 'contact', key: 'group-email', Component: lazy(() => import('./group-email-action.tsx')) }],
  homeWidgets: [{ key: 'birthdays', Component: lazy(() => import('./birthdays-widget.tsx')) }],
};
