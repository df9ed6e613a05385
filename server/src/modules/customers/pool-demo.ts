import { sql } from 'kysely';
import { addShare } from '../../engine/access/shares.ts';
import type { Ctx } from '../../engine/context.ts';
import { createRecord, updateRecord } from '../../engine/records/save.ts';

/**
 * Demo pool (CUS-7): one pool for the whole company with claim limits, holding the 50 customers that have gone
 * longest without any contact. The automatic return stays off until an administrator sets its days.
 */
export async function seedPoolDemo(ctx: Ctx): Promise<void> {
  const hq = await sql<{ id: number }>`select id from obj_department where code = 'HQ' and deleted_at is null`.execute(
    ctx.db,
  );
  if (!hq.rows[0]) return;
  const department = Number(hq.rows[0].id);
  const rule = await createRecord(
    ctx,
    'customerPoolRule',
    {
      name: '公司公海',
      department,
      maxHeld: 200,
      maxClaimsPerDay: 10,
      active: true,
      notes: '长期未跟进的客户放入公海，全公司销售人员可以领取。',
    },
    { internal: true },
  );
  const obj = ctx.registry.get('customer');
  const c = (f: string) => sql.ref(obj.fields.get(f)!.column!);
  const stale = await sql<{ id: number }>`select id from ${sql.table(obj.table)}
    where deleted_at is null and ${c('lastContactAt')} is null and ${c('owner')} is not null
    order by ${c('ownerSince')}, id limit 50`.execute(ctx.db);
  for (const { id } of stale.rows) {
    await updateRecord(ctx, 'customer', Number(id), { owner: null, inPool: true, pool: rule.id }, { internal: true });
    await addShare(ctx, 'customer', Number(id), { department, level: 'read' });
  }
}
