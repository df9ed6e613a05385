import type { KehuModule } from '../module.ts';
import { contactObject } from './contact.object.ts';
import { registerCustomerHooks } from './customer.hooks.ts';
import { customerObject } from './customer.object.ts';
import { registerCustomerRoutes } from './customers.routes.ts';
import { seedCustomerDemo } from './demo.ts';

/** Customers and contacts (CUS), dealers as customers of type dealer (DLR-1). */
export const customersModule: KehuModule = {
  name: 'customers',
  objects: [customerObject, contactObject],
  setup: registerCustomerHooks,
  routes: registerCustomerRoutes,
  seedDemo: seedCustomerDemo,
};
