import type { WebModule } from '../engine/extensions.ts';
import { customersWeb } from './customers/customers.web.tsx';

/** The business modules' web parts, in the order their menu entries appear. */
export const webModules: WebModule[] = [customersWeb];
