import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { records } from '../query/builder.ts';
import { publishedFlows } from './store.ts';

/**
 * A record's approvals for its page: the instances it has been through (newest first) and whether it can be
 * submitted now. Only for a caller who can read the record (the engine's read refuses otherwise).
 */
export async function recordApprovals(ctx: Ctx, object: string, id: number) {
  await records(ctx, object).get(id);
  const r = await sql<Record<string, any>>`select i.id, i.state, i.started_at, i.ended_at, i.submitter,
      s.name as submitter_name, f.name as flow
    from sys_flow_instance i join sys_flow_version v on v.id = i.flow_version_id join sys_flow f on f.id = v.flow_id
      join obj_user s on s.id = i.submitter
    where i.object = ${object} and i.record_id = ${id} order by i.id desc limit 20`.execute(ctx.db);
  const flows = await publishedFlows(ctx, object);
  return {
    instances: r.rows.map((i) => ({
      id: Number(i.id),
      state: i.state,
      flow: i.flow,
      submitter: { id: Number(i.submitter), label: i.submitter_name },
      startedAt: i.started_at,
      endedAt: i.ended_at,
    })),
    flows: flows.map((f) => ({ key: f.key, name: f.name })),
  };
}
