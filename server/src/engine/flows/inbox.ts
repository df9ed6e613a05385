import { sql } from 'kysely';
import { type Ctx, subjectOf } from '../context.ts';
import { KehuError } from '../errors.ts';
import { participates } from './actions.ts';
import { userNames } from './approvers.ts';
import { readInstance } from './instance.ts';
import { planUsers, stepsOf } from './plan.ts';

export type Box = 'todo' | 'done' | 'mine' | 'cc';
export const boxes: Box[] = ['todo', 'done', 'mine', 'cc'];

const item = (ctx: Ctx) => (r: Record<string, any>) => ({
  instanceId: Number(r.instance_id),
  taskId: r.task_id === null || r.task_id === undefined ? null : Number(r.task_id),
  flow: r.flow_name,
  object: r.object,
  objectLabel: ctx.registry.has(r.object) ? ctx.registry.get(r.object).label : null,
  recordId: Number(r.record_id),
  title: r.title,
  submitter: { id: Number(r.submitter), label: r.submitter_name },
  state: r.state,
  taskState: r.task_state ?? null,
  onBehalfOf: r.on_behalf_of ? { id: Number(r.on_behalf_of), label: r.on_behalf_name } : null,
  dueAt: r.due_at ?? null,
  at: r.at,
  startedAt: r.started_at,
  endedAt: r.ended_at,
});

const base = sql`i.id as instance_id, i.object, i.record_id, i.title, i.submitter, i.state, i.started_at, i.ended_at,
  f.name as flow_name, s.name as submitter_name`;
const joins = sql`join sys_flow_version v on v.id = i.flow_version_id join sys_flow f on f.id = v.flow_id
  join obj_user s on s.id = i.submitter`;

/**
 * The approval inbox (WF-4): 待我审批 (tasks due from me, oldest first as they wait longest), 我已审批, 我发起的,
 * 抄送我的. Pages of 50, newest first except the to-do list; `before` is the last item's cursor.
 */
export async function inbox(ctx: Ctx, box: Box, opts: { before?: number; limit?: number } = {}) {
  const me = ctx.actor.userId;
  const limit = Math.min(opts.limit ?? 50, 200);
  const before = opts.before ?? Number.MAX_SAFE_INTEGER;
  let r: { rows: Record<string, any>[] };
  if (box === 'todo')
    r = await sql<Record<string, any>>`select ${base}, t.id as task_id, t.state as task_state, t.due_at,
        t.created_at as at, t.on_behalf_of, o.name as on_behalf_name
      from sys_flow_task t join sys_flow_instance i on i.id = t.instance_id ${joins}
        left join obj_user o on o.id = t.on_behalf_of
      where t.assignee = ${me} and t.state = 'pending' and t.kind = 'approve' and t.id < ${before}
      order by t.id desc limit ${limit}`.execute(ctx.db);
  else if (box === 'done')
    r = await sql<Record<string, any>>`select ${base}, t.id as task_id, t.state as task_state, t.acted_at as at,
        t.on_behalf_of, o.name as on_behalf_name
      from sys_flow_task t join sys_flow_instance i on i.id = t.instance_id ${joins}
        left join obj_user o on o.id = t.on_behalf_of
      where t.acted_by = ${me} and t.kind = 'approve' and t.id < ${before}
      order by t.id desc limit ${limit}`.execute(ctx.db);
  else if (box === 'cc')
    r = await sql<Record<string, any>>`select ${base}, t.id as task_id, t.state as task_state, t.created_at as at
      from sys_flow_task t join sys_flow_instance i on i.id = t.instance_id ${joins}
      where t.assignee = ${me} and t.kind = 'cc' and t.id < ${before}
      order by t.id desc limit ${limit}`.execute(ctx.db);
  else
    r = await sql<Record<string, any>>`select ${base}, null as task_id, i.updated_at as at
      from sys_flow_instance i ${joins}
      where i.submitter = ${subjectOf(ctx.actor)} and i.id < ${before}
      order by i.id desc limit ${limit}`.execute(ctx.db);
  const items = r.rows.map(item(ctx));
  const last = r.rows[r.rows.length - 1];
  const next = r.rows.length === limit ? Number(box === 'mine' ? last.instance_id : last.task_id) : null;
  return { items, next };
}

/** Counts for the workbench and the menu: tasks due from me, unread copies. */
export async function inboxCounts(ctx: Ctx) {
  const r = await sql<{ todo: string; cc: string; mine: string }>`select
      count(*) filter (where kind = 'approve' and state = 'pending') as todo,
      count(*) filter (where kind = 'cc' and state = 'unread') as cc,
      (select count(*) from sys_flow_instance where submitter = ${subjectOf(ctx.actor)} and state in ('running', 'returned')) as mine
    from sys_flow_task where assignee = ${ctx.actor.userId} and state in ('pending', 'unread')`.execute(ctx.db);
  const c = r.rows[0];
  return { todo: Number(c.todo), cc: Number(c.cc), mine: Number(c.mine) };
}

/** One instance for its page: the path with each step's people and decisions, the timeline, what I may do. */
export async function instanceDetail(ctx: Ctx, id: number) {
  const inst = await readInstance(ctx, id);
  const me = ctx.actor.userId;
  const subject = subjectOf(ctx.actor);
  if (!inst || (inst.submitter !== subject && !ctx.actor.isAdmin && !(await participates(ctx, inst, me))))
    throw new KehuError('NOT_FOUND');
  const tasks = await sql<Record<string, any>>`select t.*, a.name as assignee_name, o.name as on_behalf_name
    from sys_flow_task t join obj_user a on a.id = t.assignee left join obj_user o on o.id = t.on_behalf_of
    where t.instance_id = ${id} order by t.round, t.seq, t.id`.execute(ctx.db);
  const events = await sql<Record<string, any>>`select e.*, a.name as actor_name, o.name as on_behalf_name
    from sys_flow_event e left join obj_user a on a.id = e.actor left join obj_user o on o.id = e.on_behalf_of
    where e.instance_id = ${id} order by e.id`.execute(ctx.db);
  const people = await userNames(ctx, [inst.submitter, ...planUsers(inst.plan)]);
  if (inst.state === 'running' || inst.state === 'returned')
    await sql`update sys_flow_task set state = 'read' where instance_id = ${id} and assignee = ${me}
      and kind = 'cc' and state = 'unread'`.execute(ctx.db);
  const task = (t: Record<string, any>) => ({
    id: Number(t.id),
    nodeId: t.node_id,
    round: t.round,
    kind: t.kind,
    assignee: { id: Number(t.assignee), label: t.assignee_name },
    onBehalfOf: t.on_behalf_of ? { id: Number(t.on_behalf_of), label: t.on_behalf_name } : null,
    state: t.state,
    added: t.added,
    comment: t.comment,
    dueAt: t.due_at,
    actedAt: t.acted_at,
  });
  const mine = tasks.rows.find(
    (t) => t.kind === 'approve' && t.state === 'pending' && t.round === inst.round && Number(t.assignee) === me,
  );
  const actedThisRound = tasks.rows.some(
    (t) =>
      t.round === inst.round &&
      t.acted_by !== null &&
      ['approved', 'rejected', 'returned', 'transferred'].includes(t.state),
  );
  return {
    id: inst.id,
    flow: { id: inst.flowId, name: inst.flowName, version: inst.version },
    object: inst.object,
    objectLabel: ctx.registry.has(inst.object) ? ctx.registry.get(inst.object).label : null,
    recordId: inst.recordId,
    title: inst.title,
    submitter: inst.submitter,
    state: inst.state,
    round: inst.round,
    plan: inst.plan,
    done: [...inst.done],
    people,
    tasks: tasks.rows.map(task),
    timeline: events.rows.map((e) => ({
      id: Number(e.id),
      action: e.action,
      nodeId: e.node_id,
      actor: e.actor ? { id: Number(e.actor), label: e.actor_name } : null,
      onBehalfOf: e.on_behalf_of ? { id: Number(e.on_behalf_of), label: e.on_behalf_name } : null,
      comment: e.comment,
      detail: e.detail,
      at: e.at,
    })),
    can: {
      taskId: mine ? Number(mine.id) : null,
      returnTo: mine
        ? [...stepsOf(inst.plan)]
            .filter((s) => s.kind === 'approve' && inst.done.has(s.nodeId))
            .map((s) => ({ nodeId: s.nodeId, name: s.name }))
        : [],
      withdraw:
        inst.submitter === subject && (inst.state === 'returned' || (inst.state === 'running' && !actedThisRound)),
      urge: inst.submitter === subject && inst.state === 'running',
      resubmit: inst.submitter === subject && inst.state === 'returned',
      comment: true,
    },
  };
}
