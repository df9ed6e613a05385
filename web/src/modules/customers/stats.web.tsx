import type { WebModule } from '../../engine/extensions.ts';

/** Stats part of the customers module's web client. */
export const statsWeb: Omit<WebModule, 'name'> = {};
