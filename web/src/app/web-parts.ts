import { approvalsWeb } from '../engine/approvals/approvals.web.tsx';
import type { WebModule } from '../engine/extensions.ts';
import { webModules } from '../modules/index.ts';

/** What the client installs: the platform's own parts (approvals), then the business modules. */
export const webParts: WebModule[] = [approvalsWeb, ...webModules];
