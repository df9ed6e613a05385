import type { KehuModule } from './module.ts';

/** The business modules, in dependency order. Each issue adds its module here. */
export const modules: KehuModule[] = [];
