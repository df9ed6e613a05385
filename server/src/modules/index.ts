import { customersModule } from './customers/customers.module.ts';
import type { KehuModule } from './module.ts';
import { viewsModule } from './views/views.module.ts';

/** The business modules, in dependency order. Each issue adds its module here. */
export const modules: KehuModule[] = [viewsModule, customersModule];
