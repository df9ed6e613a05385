import { sql } from 'kysely';
import { type Ctx, subjectOf, transaction } from '../context.ts';
import { KehuError, validationFailed } from '../errors.ts';
import { addEvent, type Instance, lockInstance, saveInstance, setTask, type TaskRow, tasksOf } from './instance.ts';
import { doneBefore, type PlanStep, stepsOf } from './plan.ts';
import { advance, closeOpenTasks, createTasks, makePending, setRecordState } from './runtime.ts';

export type TaskAction = 'approve' | 'reject' | 'return' | 'transfer' | 'addSign';

export interface TaskInput {
  comment?: unknown;
  /** return: 'submitter' or the node id of an earlier step. */
  to?: unknown;
  /** transfer: a user; addSign: users. */
  user?: unknown;
  users?: unknown;
  position?: unknown;
}

const labels = {
  comment: { 'zh-CN': '审批意见', 'en-US': 'Comment' },
  to: { 'zh-CN': '退回到', 'en-US': 'Return to' },
  user: { 'zh-CN': '转交给', 'en-US': 'Transfer to' },
  users: { 'zh-CN': '加签人', 'en-US': 'Added approvers' },
  position: { 'zh-CN': '加签方式', 'en-US': 'Add where' },
};

type ApproveStep = Extract<PlanStep, { kind: 'approve' }>;

/** The task's instance, locked, and the task as it is now; only its assignee acts on it (or their delegate). */
async function claim(ctx: Ctx, taskId: number): Promise<{ inst: Instance; task: TaskRow; step: ApproveStep }> {
  const found = await sql<{ instance_id: string }>`select instance_id from sys_flow_task where id = ${taskId}
    and kind = 'approve'`.execute(ctx.db);
  if (!found.rows[0]) throw new KehuError('NOT_FOUND');
  const inst = await lockInstance(ctx, Number(found.rows[0].instance_id));
  const r = await sql<Record<string, any>>`select * from sys_flow_task where id = ${taskId}`.execute(ctx.db);
  const t = r.rows[0];
  const me = ctx.actor.userId;
  const mine = Number(t.assignee) === me || (ctx.actor.approvals && Number(t.assignee) === ctx.actor.onBehalfOf);
  if (!mine) throw new KehuError('NOT_FOUND');
  // The other approver was quicker, or the instance moved on: a clear conflict, nothing applied twice.
  if (t.state !== 'pending' || inst.state !== 'running' || t.round !== inst.round)
    throw new KehuError('FLOW_TASK_DONE', {}, undefined, 409);
  const task = (await tasksOf(ctx, inst, t.node_id)).find((x) => x.id === taskId)!;
  const step = [...stepsOf(inst.plan)].find((s) => s.nodeId === t.node_id) as ApproveStep;
  return { inst, task, step };
}

const text = (v: unknown, max = 2000) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);

async function activeUser(ctx: Ctx, v: unknown, field: string): Promise<number> {
  const id = typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
  const r = id
    ? await sql`select 1 from obj_user where id = ${id} and deleted_at is null and active is not false`.execute(ctx.db)
    : { rows: [] };
  if (!id || !r.rows.length) throw validationFailed({ [field]: 'notFound' }, labels);
  return id;
}

/** One approver's action on their task (WF-4), in one transaction that holds the instance row. */
export async function actOnTask(ctx: Ctx, taskId: number, action: TaskAction, input: TaskInput) {
  return transaction(ctx, async (tx) => {
    const { inst, task, step } = await claim(tx, taskId);
    const comment = text(input.comment);
    const by = { actor: tx.actor.userId, comment };
    const ev = { taskId, nodeId: step.nodeId, actor: tx.actor.userId, onBehalfOf: task.on_behalf_of, comment };
    if (action === 'approve') {
      await setTask(tx, taskId, 'approved', by);
      await addEvent(tx, inst, { ...ev, action: 'approvedStep' });
      await release(tx, inst, step, task);
      await advance(tx, inst, step);
    } else if (action === 'reject') {
      if (!comment) throw validationFailed({ comment: 'required' }, labels);
      await setTask(tx, taskId, 'rejected', by);
      await addEvent(tx, inst, { ...ev, action: 'rejectedStep' });
      await advance(tx, inst, step);
    } else if (action === 'return') {
      await setTask(tx, taskId, 'returned', by);
      await returnTo(tx, inst, input.to, ev);
    } else if (action === 'transfer') {
      const to = await activeUser(tx, input.user, 'user');
      if (to === tx.actor.userId) throw validationFailed({ user: 'incorrect' }, labels);
      await setTask(tx, taskId, 'transferred', by);
      const [id] = await createTasks(tx, inst, step, [to], 'approve', () => 'waiting', {
        seqFrom: task.seq,
        added: task.added,
      });
      await addEvent(tx, inst, { ...ev, action: 'transferred', detail: { to } });
      await makePending(tx, inst, step, { ...task, id, assignee: to, on_behalf_of: null, state: 'waiting' });
      await advance(tx, inst, step);
    } else {
      const list = Array.isArray(input.users) ? input.users : [];
      const users: number[] = [];
      for (const u of list) users.push(await activeUser(tx, u, 'users'));
      const position = input.position === 'before' ? 'before' : input.position === 'after' ? 'after' : undefined;
      if (!position) throw validationFailed({ position: 'required' }, labels);
      if (users.length === 0 || users.length > 10 || (position === 'before' && users.length > 1))
        throw validationFailed({ users: 'required' }, labels);
      const ids = await createTasks(tx, inst, step, users, 'approve', () => 'waiting', {
        added: true,
        seqFrom: task.seq,
      });
      if (position === 'before')
        await sql`update sys_flow_task set state = 'waiting', wait_for = ${ids[0]}
        where id = ${taskId}`.execute(tx.db);
      else await setTask(tx, taskId, 'approved', by);
      await addEvent(tx, inst, { ...ev, action: 'addedApprovers', detail: { users, position } });
      for (const t of (await tasksOf(tx, inst, step.nodeId)).filter((x) => ids.includes(x.id)))
        await makePending(tx, inst, step, t);
      await advance(tx, inst, step);
    }
    return { id: inst.id, state: inst.state };
  });
}

/** A task added before someone (加签, before oneself) is approved: that someone's task is due again. */
async function release(ctx: Ctx, inst: Instance, step: ApproveStep, task: TaskRow): Promise<void> {
  const r = await sql<{ id: string }>`update sys_flow_task set wait_for = null where instance_id = ${inst.id}
    and wait_for = ${task.id} and state = 'waiting' returning id`.execute(ctx.db);
  for (const row of r.rows) {
    const t = (await tasksOf(ctx, inst, step.nodeId)).find((x) => x.id === Number(row.id));
    if (t) await makePending(ctx, inst, step, t);
  }
}

/** 退回: to the submitter (the record unlocks for them to change and resubmit), or to an earlier step. */
async function returnTo(ctx: Ctx, inst: Instance, to: unknown, ev: Record<string, unknown>): Promise<void> {
  await closeOpenTasks(ctx, inst);
  if (to === undefined || to === 'submitter') {
    inst.state = 'returned';
    await saveInstance(ctx, inst);
    await setRecordState(ctx, inst, 'returned');
    await addEvent(ctx, inst, { ...ev, action: 'returned', detail: { to: 'submitter' } }, [inst.submitter]);
    return;
  }
  const target = [...stepsOf(inst.plan)].find((s) => s.nodeId === to && s.kind === 'approve');
  if (!target || !inst.done.has(target.nodeId)) throw validationFailed({ to: 'invalidOption' }, labels);
  inst.done = new Set(doneBefore(inst.plan, inst.done, target.nodeId));
  inst.round += 1;
  await addEvent(ctx, inst, { ...ev, action: 'returned', detail: { to: target.nodeId, step: target.name } }, [
    inst.submitter,
  ]);
  await advance(ctx, inst);
}

/** The submitter's own commands on an instance: 撤回 (while nobody has acted), 催办, and comments by anyone in it. */
export async function actOnInstance(
  ctx: Ctx,
  id: number,
  action: 'withdraw' | 'urge' | 'comment',
  input: { comment?: unknown; files?: unknown },
) {
  return transaction(ctx, async (tx) => {
    const inst = await lockInstance(tx, id);
    const me = subjectOf(tx.actor);
    const isSubmitter = inst.submitter === me;
    if (action === 'comment') {
      if (!isSubmitter && !tx.actor.isAdmin && !(await participates(tx, inst, me))) throw new KehuError('NOT_FOUND');
      const comment = text(input.comment);
      const files = await ownFiles(tx, input.files);
      if (!comment && files.length === 0) throw validationFailed({ comment: 'required' }, labels);
      const tasks = await tasksOf(tx, inst);
      const others = [inst.submitter, ...tasks.filter((t) => t.state === 'pending').map((t) => t.assignee)];
      await addEvent(
        tx,
        inst,
        { action: 'commented', actor: tx.actor.userId, comment, detail: { files } },
        others.filter((u) => u !== tx.actor.userId),
      );
      return { id: inst.id, state: inst.state };
    }
    if (!isSubmitter) throw new KehuError((await participates(tx, inst, me)) ? 'FORBIDDEN' : 'NOT_FOUND');
    if (action === 'urge') {
      if (inst.state !== 'running') throw new KehuError('FLOW_TASK_DONE', {}, undefined, 409);
      const recent = await sql`select 1 from sys_flow_event where instance_id = ${id} and action = 'urged'
        and at > now() - interval '1 hour'`.execute(tx.db);
      if (recent.rows.length) throw new KehuError('FLOW_URGED', {}, undefined, 429);
      const pending = (await tasksOf(tx, inst)).filter((t) => t.state === 'pending').map((t) => t.assignee);
      await addEvent(tx, inst, { action: 'urged', actor: tx.actor.userId }, pending);
      return { id: inst.id, state: inst.state };
    }
    if (inst.state !== 'running' && inst.state !== 'returned')
      throw new KehuError('FLOW_TASK_DONE', {}, undefined, 409);
    const acted = await sql`select 1 from sys_flow_task where instance_id = ${id} and round = ${inst.round}
      and acted_by is not null and state in ('approved', 'rejected', 'returned', 'transferred')`.execute(tx.db);
    if (inst.state === 'running' && acted.rows.length) throw new KehuError('FLOW_ALREADY_ACTED', {}, undefined, 409);
    const pending = (await tasksOf(tx, inst)).filter((t) => t.state === 'pending').map((t) => t.assignee);
    await closeOpenTasks(tx, inst);
    inst.state = 'withdrawn';
    await saveInstance(tx, inst);
    await setRecordState(tx, inst, 'withdrawn');
    await addEvent(tx, inst, { action: 'withdrawn', actor: tx.actor.userId }, pending);
    return { id: inst.id, state: inst.state };
  });
}

export async function participates(ctx: Ctx, inst: Instance, user: number): Promise<boolean> {
  const r = await sql`select 1 from sys_flow_task where instance_id = ${inst.id}
    and (assignee = ${user} or on_behalf_of = ${user}) limit 1`.execute(ctx.db);
  return r.rows.length > 0;
}

/** Attachments of a comment: files the commenter uploaded. */
async function ownFiles(ctx: Ctx, v: unknown): Promise<Array<{ id: number; name: string }>> {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 10 || !v.every((x) => Number.isSafeInteger(x)))
    throw validationFailed({ files: 'format' }, { files: { 'zh-CN': '附件', 'en-US': 'Attachments' } });
  const r = await sql<{ id: string; name: string }>`select id, name from sys_file where id = any(${v}::bigint[])
    and created_by = ${ctx.actor.userId}`.execute(ctx.db);
  if (r.rows.length !== new Set(v).size)
    throw validationFailed({ files: 'notFound' }, { files: { 'zh-CN': '附件', 'en-US': 'Attachments' } });
  return r.rows.map((f) => ({ id: Number(f.id), name: f.name }));
}
