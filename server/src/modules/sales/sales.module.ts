import type { KehuModule } from '../module.ts';
import { seedSalesDemo } from './demo.ts';
import { opportunityObject } from './opportunity.object.ts';
import {
  opportunityCompetitorObject,
  opportunityLineObject,
  opportunityStageChangeObject,
  opportunityTaskObject,
} from './opportunity-parts.object.ts';
import { salesProcessObject, salesStageObject } from './process.object.ts';
import { productObject } from './product.object.ts';
import { registerSalesRoutes } from './sales.routes.ts';
import { setupSales } from './setup.ts';
import { salesTargetObject } from './target.object.ts';

/** Sales (SAL): products, processes and stages, opportunities, funnel, forecast, targets (DLR-5), analysis. */
export const salesModule: KehuModule = {
  name: 'sales',
  objects: [
    productObject,
    salesProcessObject,
    salesStageObject,
    opportunityObject,
    opportunityLineObject,
    opportunityTaskObject,
    opportunityCompetitorObject,
    opportunityStageChangeObject,
    salesTargetObject,
  ],
  setup: setupSales,
  routes: registerSalesRoutes,
  seedDemo: seedSalesDemo,
};
