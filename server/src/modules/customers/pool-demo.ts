import { addShare } from '../../engine/access/shares.ts';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';
import { idleSince } from './pool-return.job.ts';

/** The demo pool's return rule: customers nobody contacted for this many days go back to the pool (90天未跟进). */
export const demoPoolDays = 90;
/** The customer types the demo pool takes: the ones salespeople win and lose (not dealers, partners, competitors). */
const demoPoolTypes = ['direct', 'prospect'];

/**
 * Demo pool (CUS-7): one pool for the whole company with claim limits, returning direct customers and prospects after
 * 90 days without contact. It holds what its nightly return job would have returned by now — the customers idle for
 * longer than that as of last night — so that the first night returns only the few whose 90 days have just run out.
 */
export async function seedPoolDemo(ctx: Ctx, now = new Date()): Promise<void> {
  // As the engine: the demo's own configuration, whoever seeds.
  const [hq] = await records(ctx, 'department', { internal: true }).all(
    { filter: { field: 'code', op: 'eq', value: 'HQ' }, fields: ['code'] },
    1,
  );
  if (!hq) return;
  const department = Number(hq.id);
  const rule = await createRecord(
    ctx,
    'customerPoolRule',
    {
      name: '公司公海',
      department,
      customerTypes: demoPoolTypes,
      returnAfterDays: demoPoolDays,
      maxHeld: 200,
      maxClaimsPerDay: 10,
      active: true,
      notes: '直接客户和潜在客户 90 天未跟进自动退回公海，全公司销售人员可以领取。',
    },
    { internal: true },
  );
  const lastNight = new Date(now.getTime() - (demoPoolDays + 1) * 86_400_000);
  // As the engine: the demo's own bookkeeping over every customer, whoever seeds.
  const idle = await records(ctx, 'customer', { internal: true }).all({
    filter: {
      and: [
        { field: 'owner', op: 'isNotEmpty' },
        { field: 'inPool', op: 'ne', value: true },
        { field: 'type', op: 'in', value: demoPoolTypes },
        idleSince(lastNight),
      ],
    },
    sort: [{ field: 'id', dir: 'asc' }],
  });
  for (const c of idle) {
    await updateRecord(ctx, 'customer', Number(c.id), { owner: null, inPool: true, pool: rule.id }, { internal: true });
    await addShare(ctx, 'customer', Number(c.id), { department, level: 'read' });
  }
}
