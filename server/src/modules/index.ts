import { customersModule } from './customers/customers.module.ts';
import type { KehuModule } from './module.ts';
import { notifyModule } from './notify/notify.module.ts';
import { salesModule } from './sales/sales.module.ts';
import { teamModule } from './team/team.module.ts';
import { viewsModule } from './views/views.module.ts';

/** The business modules, in dependency order. Each issue adds its module here. */
export const modules: KehuModule[] = [viewsModule, customersModule, salesModule, teamModule, notifyModule];
