import type { Grants } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { listRecords } from '../../engine/query/list.ts';
import { updateRecord } from '../../engine/records/save.ts';

/** Catalogue and processes are reference data every seller reads; targets are set by managers, not by sellers. */
const extra: Record<string, Grants> = {
  销售员: {
    product: { read: 'all' },
    salesProcess: { read: 'all' },
    salesStage: { read: 'all' },
    salesTarget: { read: 'own', create: 'none', update: 'none', delete: 'none' },
  },
  销售经理: {
    product: { read: 'all' },
    salesProcess: { read: 'all' },
    salesStage: { read: 'all' },
  },
};

/**
 * The starter roles (app/seed.ts) only know "*" scopes: with "own" a salesperson would not see the catalogue or the
 * stages of a process. Run on first start (the only hook a module has there).
 */
export async function grantSalesReferenceData(ctx: Ctx): Promise<void> {
  const roles = await listRecords(ctx, ctx.registry.get('role'), { limit: 100 });
  for (const role of roles.data) {
    const add = extra[String(role.name)];
    if (!add) continue;
    const grants = { ...((role.grants as Grants | null) ?? {}), ...add };
    await updateRecord(ctx, 'role', role.id as number, { grants }, { internal: true });
  }
}
