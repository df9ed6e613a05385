import type { WebModule } from '../../engine/extensions.ts';

/** Contacts part of the customers module's web client. */
export const contactsWeb: Omit<WebModule, 'name'> = {};
