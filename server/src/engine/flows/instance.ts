import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import { enqueueEvent } from '../events/outbox.ts';
import type { PlanStep } from './plan.ts';
import type { FlowTree } from './tree.ts';

export type InstanceState = 'running' | 'returned' | 'approved' | 'rejected' | 'withdrawn';

/** An instance as the runtime works on it, locked for the length of the command's transaction. */
export interface Instance {
  id: number;
  flowId: number;
  flowName: string;
  versionId: number;
  version: number;
  tree: FlowTree;
  object: string;
  recordId: number;
  title: string | null;
  submitter: number;
  state: InstanceState;
  plan: PlanStep[];
  done: Set<string>;
  chosen: Record<string, number[]>;
  round: number;
}

export interface TaskRow {
  id: number;
  node_id: string;
  round: number;
  kind: 'approve' | 'cc';
  assignee: number;
  on_behalf_of: number | null;
  seq: number;
  state: string;
  acted_by: number | null;
  added: boolean;
  wait_for: number | null;
}

const columns = sql`i.id, i.flow_version_id, i.object, i.record_id, i.title, i.submitter, i.state, i.plan, i.done,
  i.chosen, i.round, v.flow_id, v.version, v.tree, f.name as flow_name`;

function toInstance(r: Record<string, any>): Instance {
  return {
    id: Number(r.id),
    flowId: Number(r.flow_id),
    flowName: r.flow_name,
    versionId: Number(r.flow_version_id),
    version: r.version,
    tree: r.tree,
    object: r.object,
    recordId: Number(r.record_id),
    title: r.title,
    submitter: Number(r.submitter),
    state: r.state,
    plan: r.plan,
    done: new Set(r.done as string[]),
    chosen: r.chosen ?? {},
    round: r.round,
  };
}

/** The instance row, locked until the transaction ends: every command on an instance runs one at a time. */
export async function lockInstance(ctx: Ctx, id: number): Promise<Instance> {
  const r = await sql<Record<string, any>>`select ${columns} from sys_flow_instance i
    join sys_flow_version v on v.id = i.flow_version_id join sys_flow f on f.id = v.flow_id
    where i.id = ${id} for update of i`.execute(ctx.db);
  if (!r.rows[0]) throw new KehuError('NOT_FOUND');
  return toInstance(r.rows[0]);
}

export async function readInstance(ctx: Ctx, id: number): Promise<Instance | undefined> {
  const r = await sql<Record<string, any>>`select ${columns} from sys_flow_instance i
    join sys_flow_version v on v.id = i.flow_version_id join sys_flow f on f.id = v.flow_id
    where i.id = ${id}`.execute(ctx.db);
  return r.rows[0] ? toInstance(r.rows[0]) : undefined;
}

/** The open (running or returned) instance of a record, if any. */
export async function openInstanceOf(ctx: Ctx, object: string, recordId: number) {
  const r = await sql<{ id: string; state: InstanceState; submitter: string; name: string; submitter_name: string }>`
    select i.id, i.state, i.submitter, f.name, s.name as submitter_name from sys_flow_instance i
      join sys_flow_version v on v.id = i.flow_version_id join sys_flow f on f.id = v.flow_id
      join obj_user s on s.id = i.submitter
    where i.object = ${object} and i.record_id = ${recordId} and i.state in ('running', 'returned')`.execute(ctx.db);
  const row = r.rows[0];
  return row
    ? {
        id: Number(row.id),
        state: row.state,
        submitter: Number(row.submitter),
        submitterName: row.submitter_name,
        flow: row.name,
      }
    : undefined;
}

export async function saveInstance(ctx: Ctx, inst: Instance): Promise<void> {
  const ended = ['approved', 'rejected', 'withdrawn'].includes(inst.state);
  await sql`update sys_flow_instance set state = ${inst.state}, plan = ${JSON.stringify(inst.plan)},
      done = ${JSON.stringify([...inst.done])}, chosen = ${JSON.stringify(inst.chosen)}, round = ${inst.round},
      ended_at = ${ended ? sql`now()` : sql`null`}, updated_at = now()
    where id = ${inst.id}`.execute(ctx.db);
}

export async function tasksOf(ctx: Ctx, inst: Instance, nodeId?: string): Promise<TaskRow[]> {
  const r = await sql<Record<string, any>>`select id, node_id, round, kind, assignee, on_behalf_of, seq, state,
      acted_by, added, wait_for from sys_flow_task
    where instance_id = ${inst.id} and round = ${inst.round} ${nodeId ? sql`and node_id = ${nodeId}` : sql``}
    order by seq, id`.execute(ctx.db);
  return r.rows.map((t) => ({
    ...t,
    id: Number(t.id),
    assignee: Number(t.assignee),
    on_behalf_of: t.on_behalf_of === null ? null : Number(t.on_behalf_of),
    acted_by: t.acted_by === null ? null : Number(t.acted_by),
    wait_for: t.wait_for === null ? null : Number(t.wait_for),
  })) as TaskRow[];
}

export async function setTask(
  ctx: Ctx,
  taskId: number,
  state: string,
  by?: { actor: number | null; comment?: string | null },
): Promise<void> {
  await sql`update sys_flow_task set state = ${state},
      acted_by = ${by?.actor ?? null}, comment = ${by?.comment ?? null},
      acted_at = ${by ? sql`now()` : sql`acted_at`}
    where id = ${taskId}`.execute(ctx.db);
}

export interface EventInput {
  action: string;
  taskId?: number;
  nodeId?: string;
  actor?: number | null;
  onBehalfOf?: number | null;
  comment?: string | null;
  detail?: Record<string, unknown>;
}

/** One line of the instance's timeline, and the bus event that notifications and automation follow. */
export async function addEvent(ctx: Ctx, inst: Instance, e: EventInput, notify?: number[]): Promise<void> {
  await sql`insert into sys_flow_event (instance_id, task_id, node_id, action, actor, on_behalf_of, comment, detail)
    values (${inst.id}, ${e.taskId ?? null}, ${e.nodeId ?? null}, ${e.action}, ${e.actor ?? null},
      ${e.onBehalfOf ?? null}, ${e.comment ?? null}, ${JSON.stringify(e.detail ?? {})})`.execute(ctx.db);
  if (notify?.length)
    await enqueueEvent(ctx, inst.object, inst.recordId, `flow.${e.action}`, {
      instanceId: inst.id,
      flow: inst.flowName,
      title: inst.title,
      to: [...new Set(notify)],
      actor: e.actor ?? null,
      node: e.nodeId ?? null,
      comment: e.comment ?? null,
    });
}
