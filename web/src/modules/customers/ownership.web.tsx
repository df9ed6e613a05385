import type { WebModule } from '../../engine/extensions.ts';

/** Ownership part of the customers module's web client. */
export const ownershipWeb: Omit<WebModule, 'name'> = {};
