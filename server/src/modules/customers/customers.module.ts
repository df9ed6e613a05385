import type { KehuModule } from '../module.ts';
import { contactObject } from './contact.object.ts';
import { registerCustomerHooks } from './customer.hooks.ts';
import { customerObject } from './customer.object.ts';
import { customerCreationFlow } from './customer-flow.ts';
import { registerCustomerRoutes } from './customers.routes.ts';
import { seedCustomerDemo } from './demo.ts';
import { registerImportMatchers } from './import-matchers.ts';
import { registerOwnership } from './ownership.hooks.ts';
import { ownershipObjects } from './ownership.objects.ts';

/** Customers and contacts (CUS), dealers as customers of type dealer (DLR-1). */
export const customersModule: KehuModule = {
  name: 'customers',
  flows: [customerCreationFlow],
  objects: [customerObject, contactObject, ...ownershipObjects],
  setup(engine) {
    registerCustomerHooks(engine);
    registerImportMatchers(engine);
    registerOwnership(engine);
  },
  routes: registerCustomerRoutes,
  seedDemo: seedCustomerDemo,
};
