import type { WebModule } from '../engine/extensions.ts';
import { adminWeb } from './admin/admin.web.tsx';
import { customersWeb } from './customers/customers.web.tsx';
import { salesWeb } from './sales/sales.web.tsx';
import { teamWeb } from './team/team.web.tsx';

/** The business modules' web parts, in the order their menu entries appear. */
export const webModules: WebModule[] = [customersWeb, salesWeb, teamWeb, adminWeb];
