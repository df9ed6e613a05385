import type { WebModule } from '../../engine/extensions.ts';

/** Merge part of the customers module's web client. */
export const mergeWeb: Omit<WebModule, 'name'> = {};
