import { combineWebModule } from '../../engine/extensions.ts';
import { contactsWeb } from './contacts.web.tsx';
import { mergeWeb } from './merge.web.tsx';
import { ownershipWeb } from './ownership.web.tsx';
import { statsWeb } from './stats.web.tsx';

/** Customers and contacts: pages and panels on top of the generic record screens (CUS-*). */
export const customersWeb = combineWebModule('customers', [mergeWeb, ownershipWeb, contactsWeb, statsWeb]);
