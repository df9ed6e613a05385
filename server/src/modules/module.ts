import type { ObjectDecl } from '@kehu/common';
import type { Ctx } from '../engine/context.ts';
import type { FlowTemplate } from '../engine/flows/templates.ts';
import type { Engine } from '../engine/kernel.ts';
import type { RouteRegistrar } from '../http/app.ts';

/** What a business module brings: objects as data, hooks, routes, demo data. */
export interface KehuModule {
  name: string;
  objects?: ObjectDecl[];
  /** Attach hooks and event subscribers. */
  setup?(engine: Engine): void;
  routes?: RouteRegistrar;
  /** Ready-made approval flows (WF-3), installed on the first start, editable afterwards. */
  flows?: FlowTemplate[];
  /** Demo data for an empty installation (runs once, as the system actor, in one transaction). */
  seedDemo?(ctx: Ctx): Promise<void>;
}
