import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';

/** A step's name from the instance's plan (the route it took). */
const stepName = sql`jsonb_path_query_first(i.plan, '$.** ? (@.nodeId == $n).name', jsonb_build_object('n', t.node_id)) #>> '{}'`;
const hours = (expr: ReturnType<typeof sql>) => sql`round((extract(epoch from ${expr}) / 3600)::numeric, 1)`;

/**
 * Monitoring (WF-5), for administrators: where the running instances wait (flow and step, how many, since when),
 * how long each step takes (p50/p90 hours over the last `days`), the slowest approvers, and overdue tasks.
 */
export async function flowMonitor(ctx: Ctx, opts: { days?: number } = {}) {
  if (!ctx.actor.isAdmin) throw new KehuError('FORBIDDEN');
  const days = Math.min(Math.max(opts.days ?? 90, 1), 3650);
  const db = ctx.db;
  const waiting = await sql<Record<string, any>>`select f.id as flow_id, f.name as flow, t.node_id,
      max(${stepName}) as step, count(distinct i.id)::int as instances, min(t.created_at) as since
    from sys_flow_task t join sys_flow_instance i on i.id = t.instance_id and i.state = 'running'
      join sys_flow_version v on v.id = i.flow_version_id join sys_flow f on f.id = v.flow_id
    where t.state = 'pending' and t.kind = 'approve' group by 1, 2, 3 order by 5 desc limit 200`.execute(db);
  const steps = await sql<
    Record<string, any>
  >`select f.id as flow_id, f.name as flow, t.node_id, max(${stepName}) as step,
      count(*)::int as decided,
      ${hours(sql`percentile_cont(0.5) within group (order by t.acted_at - t.created_at)`)} as p50_hours,
      ${hours(sql`percentile_cont(0.9) within group (order by t.acted_at - t.created_at)`)} as p90_hours
    from sys_flow_task t join sys_flow_instance i on i.id = t.instance_id
      join sys_flow_version v on v.id = i.flow_version_id join sys_flow f on f.id = v.flow_id
    where t.kind = 'approve' and t.acted_by is not null and t.acted_at > now() - make_interval(days => ${days})
    group by 1, 2, 3 order by p90_hours desc nulls last limit 50`.execute(db);
  const approvers = await sql<Record<string, any>>`select t.acted_by as user_id, u.name, count(*)::int as decided,
      ${hours(sql`percentile_cont(0.5) within group (order by t.acted_at - t.created_at)`)} as p50_hours,
      (select count(*)::int from sys_flow_task p where p.assignee = t.acted_by and p.state = 'pending') as pending
    from sys_flow_task t join obj_user u on u.id = t.acted_by
    where t.kind = 'approve' and t.acted_at > now() - make_interval(days => ${days})
    group by 1, 2 order by p50_hours desc nulls last limit 10`.execute(db);
  const overdue = await sql<Record<string, any>>`select t.id as task_id, i.id as instance_id, f.name as flow, i.title,
      i.object, i.record_id, ${stepName} as step, t.assignee, u.name as assignee_name, t.due_at,
      ${hours(sql`now() - t.due_at`)} as overdue_hours
    from sys_flow_task t join sys_flow_instance i on i.id = t.instance_id
      join sys_flow_version v on v.id = i.flow_version_id join sys_flow f on f.id = v.flow_id
      join obj_user u on u.id = t.assignee
    where t.state = 'pending' and t.due_at < now() order by t.due_at limit 100`.execute(db);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    days,
    waiting: waiting.rows.map((r) => ({
      flow: { id: Number(r.flow_id), name: r.flow },
      nodeId: r.node_id,
      step: r.step,
      instances: r.instances,
      since: r.since,
    })),
    steps: steps.rows.map((r) => ({
      flow: { id: Number(r.flow_id), name: r.flow },
      nodeId: r.node_id,
      step: r.step,
      decided: r.decided,
      p50Hours: num(r.p50_hours),
      p90Hours: num(r.p90_hours),
    })),
    approvers: approvers.rows.map((r) => ({
      user: { id: Number(r.user_id), label: r.name },
      decided: r.decided,
      p50Hours: num(r.p50_hours),
      pending: r.pending,
    })),
    overdue: overdue.rows.map((r) => ({
      taskId: Number(r.task_id),
      instanceId: Number(r.instance_id),
      flow: r.flow,
      title: r.title,
      object: r.object,
      recordId: Number(r.record_id),
      step: r.step,
      assignee: { id: Number(r.assignee), label: r.assignee_name },
      dueAt: r.due_at,
      overdueHours: num(r.overdue_hours),
    })),
  };
}

/** Drill-down: the instances of a flow (optionally waiting at one step), newest first. */
export async function monitorInstances(ctx: Ctx, flowId: number, nodeId?: string) {
  if (!ctx.actor.isAdmin) throw new KehuError('FORBIDDEN');
  const r = await sql<Record<string, any>>`select i.id, i.title, i.object, i.record_id, i.state, i.started_at,
      s.name as submitter from sys_flow_instance i join sys_flow_version v on v.id = i.flow_version_id
      join obj_user s on s.id = i.submitter
    where v.flow_id = ${flowId} ${
      nodeId
        ? sql`and i.state = 'running' and exists (select 1 from sys_flow_task t where t.instance_id = i.id
            and t.node_id = ${nodeId} and t.state = 'pending')`
        : sql``
    } order by i.id desc limit 200`.execute(ctx.db);
  return r.rows.map((i) => ({
    id: Number(i.id),
    title: i.title,
    object: i.object,
    recordId: Number(i.record_id),
    state: i.state,
    startedAt: i.started_at,
    submitter: i.submitter,
  }));
}
