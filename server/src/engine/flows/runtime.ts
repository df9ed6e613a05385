import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { updateRecord } from '../records/save.ts';
import { administrators, delegateOf } from './approvers.ts';
import {
  addEvent,
  type Instance,
  type InstanceState,
  saveInstance,
  setTask,
  type TaskRow,
  tasksOf,
} from './instance.ts';
import { frontier, type PlanStep, previousApproveStep } from './plan.ts';
import { scheduleTimeout } from './timers.ts';

type ApproveStep = Extract<PlanStep, { kind: 'approve' }>;
type Outcome = 'done' | 'open' | 'rejected';

const original = (t: TaskRow) => t.on_behalf_of ?? t.assignee;

/** Give `users` read access to the record: approvers and CC recipients must see what they decide on. */
async function letRead(ctx: Ctx, inst: Instance, users: number[]): Promise<void> {
  if (!users.length) return;
  await sql`insert into sys_share (object, record_id, user_id, level, created_by)
    select ${inst.object}, ${inst.recordId}, u, 'read', ${inst.submitter} from unnest(${users}::bigint[]) u
    on conflict do nothing`.execute(ctx.db);
}

/** Create the tasks of `users` at a step (delegates take absent approvers' tasks), returning their ids. */
export async function createTasks(
  ctx: Ctx,
  inst: Instance,
  step: { nodeId: string },
  users: number[],
  kind: 'approve' | 'cc',
  state: (i: number) => string,
  extra: { added?: boolean; waitFor?: number | null; seqFrom?: number } = {},
): Promise<number[]> {
  const delegates = await delegateOf(ctx, users);
  const ids: number[] = [];
  for (const [i, u] of users.entries()) {
    const to = delegates.get(u) ?? u;
    const r = await sql<{ id: string }>`insert into sys_flow_task
        (instance_id, node_id, round, kind, assignee, on_behalf_of, seq, state, added, wait_for)
      values (${inst.id}, ${step.nodeId}, ${inst.round}, ${kind}, ${to}, ${delegates.has(u) ? u : null},
        ${(extra.seqFrom ?? 0) + i}, ${state(i)}, ${extra.added ?? false}, ${extra.waitFor ?? null}) returning id`.execute(
      ctx.db,
    );
    ids.push(Number(r.rows[0].id));
  }
  await letRead(ctx, inst, [...users, ...delegates.values()]);
  return ids;
}

/**
 * A task becomes the approver's to act on: unless the flow's rules pass it by itself (the submitter approving
 * their own request, the same person twice in a row), it is due, reminded and timed out from now.
 */
export async function makePending(ctx: Ctx, inst: Instance, step: ApproveStep, t: TaskRow): Promise<void> {
  const who = original(t);
  const prev = previousApproveStep(inst.plan, step.nodeId);
  let reason: string | undefined;
  if (who === inst.submitter && inst.tree.settings.submitterIsApprover === 'pass') reason = 'submitter';
  else if (prev && inst.tree.settings.repeatApprover === 'pass') {
    const r = await sql`select 1 from sys_flow_task where instance_id = ${inst.id} and round = ${inst.round}
      and node_id = ${prev} and state = 'approved' and coalesce(on_behalf_of, assignee) = ${who}`.execute(ctx.db);
    if (r.rows.length) reason = 'repeat';
  }
  if (reason) {
    await setTask(ctx, t.id, 'passed');
    await addEvent(ctx, inst, {
      action: 'autoPassed',
      taskId: t.id,
      nodeId: step.nodeId,
      actor: who,
      detail: { reason },
    });
    return;
  }
  const due = step.timeout ? new Date(Date.now() + step.timeout.hours * 3_600_000) : null;
  await sql`update sys_flow_task set state = 'pending', due_at = ${due ? due.toISOString() : null}
    where id = ${t.id}`.execute(ctx.db);
  if (due) await scheduleTimeout(ctx, t.id, due);
  await addEvent(ctx, inst, { action: 'task', taskId: t.id, nodeId: step.nodeId, actor: null }, [t.assignee]);
}

/** Start a step: its tasks, or what the step's rule for nobody-to-approve says. */
async function activate(ctx: Ctx, inst: Instance, step: ApproveStep): Promise<Outcome> {
  let users = step.approvers;
  if (users.length === 0) {
    if (step.onEmpty === 'reject') {
      await addEvent(ctx, inst, { action: 'noApprover', nodeId: step.nodeId, detail: { outcome: 'rejected' } });
      return 'rejected';
    }
    if (step.onEmpty === 'admin') users = await administrators(ctx);
    if (users.length === 0 || step.onEmpty === 'pass') {
      await addEvent(ctx, inst, { action: 'noApprover', nodeId: step.nodeId, detail: { outcome: 'passed' } });
      return 'done';
    }
    await addEvent(ctx, inst, { action: 'noApprover', nodeId: step.nodeId, detail: { outcome: 'admin' } });
  }
  const sequence = step.mode === 'sequence';
  await createTasks(ctx, inst, step, users, 'approve', () => 'waiting');
  const tasks = await tasksOf(ctx, inst, step.nodeId);
  for (const t of sequence ? tasks.slice(0, 1) : tasks) await makePending(ctx, inst, step, t);
  return evaluate(ctx, inst, step);
}

/**
 * Where a step stands after an action: finished, still open (the next approver of a sequence made due), or
 * rejected. Added approvers (加签) must approve whatever the mode.
 */
export async function evaluate(ctx: Ctx, inst: Instance, step: ApproveStep): Promise<Outcome> {
  const tasks = (await tasksOf(ctx, inst, step.nodeId)).filter((t) => t.kind === 'approve');
  const live = tasks.filter((t) => !['transferred', 'cancelled'].includes(t.state));
  const ok = (t: TaskRow) => t.state === 'approved' || t.state === 'passed';
  if (live.some((t) => t.state === 'rejected')) {
    if (step.mode !== 'share') return 'rejected';
  }
  const added = live.filter((t) => t.added);
  const base = live.filter((t) => !t.added);
  const approvals = base.filter(ok).length;
  const rejections = base.filter((t) => t.state === 'rejected').length;
  let passed: boolean;
  if (step.mode === 'any') passed = approvals > 0;
  else if (step.mode === 'share') {
    const need = Math.ceil(((step.sharePercent ?? 100) * base.length) / 100);
    if (base.length - rejections < need) return 'rejected';
    passed = approvals >= need;
  } else passed = base.every(ok);
  if (passed && added.every(ok) && !live.some((t) => t.state === 'pending' && t.added)) {
    for (const t of live) if (t.state === 'pending' || t.state === 'waiting') await setTask(ctx, t.id, 'cancelled');
    return 'done';
  }
  if (step.mode === 'sequence' && !live.some((t) => t.state === 'pending')) {
    const next = live.find((t) => t.state === 'waiting' && t.wait_for === null);
    if (next) {
      await makePending(ctx, inst, step, next);
      return evaluate(ctx, inst, step);
    }
  }
  return 'open';
}

/**
 * Move the instance on as far as it goes: CC steps notify and pass, new approval steps get their tasks, a
 * finished plan approves the record. Called after every action, inside its transaction.
 */
export async function advance(ctx: Ctx, inst: Instance, changed?: ApproveStep): Promise<void> {
  if (changed) {
    const outcome = await evaluate(ctx, inst, changed);
    if (outcome === 'rejected') return finish(ctx, inst, 'rejected');
    if (outcome === 'done') inst.done.add(changed.nodeId);
  }
  for (let guard = 0; guard < 200; guard++) {
    const due = frontier(inst.plan, inst.done);
    if (due.length === 0) return finish(ctx, inst, 'approved');
    let moved = false;
    for (const step of due) {
      if (step.kind === 'cc') {
        await createTasks(ctx, inst, step, step.users, 'cc', () => 'unread');
        await addEvent(ctx, inst, { action: 'cc', nodeId: step.nodeId, detail: { users: step.users } }, step.users);
        inst.done.add(step.nodeId);
        moved = true;
        continue;
      }
      const existing = await tasksOf(ctx, inst, step.nodeId);
      if (existing.length > 0) continue;
      const outcome = await activate(ctx, inst, step);
      if (outcome === 'rejected') return finish(ctx, inst, 'rejected');
      if (outcome === 'done') {
        inst.done.add(step.nodeId);
        moved = true;
      }
    }
    if (!moved) break;
  }
  await saveInstance(ctx, inst);
}

/** Cancel every task still open (withdrawn, returned, finished). */
export async function closeOpenTasks(ctx: Ctx, inst: Instance): Promise<void> {
  await sql`update sys_flow_task set state = 'cancelled' where instance_id = ${inst.id}
    and state in ('pending', 'waiting')`.execute(ctx.db);
}

/** The record's state field as the flow's binding says, written by the engine with history (byFlow). */
export async function setRecordState(ctx: Ctx, inst: Instance, state: InstanceState): Promise<void> {
  const b = inst.tree.binding;
  const value = b?.states?.[state];
  if (!b?.stateField || value === undefined) return;
  await updateRecord(ctx, inst.object, inst.recordId, { [b.stateField]: value }, { internal: true, byFlow: true });
}

/** End the instance: approved or rejected. The record unlocks and shows the outcome; the submitter is told. */
export async function finish(ctx: Ctx, inst: Instance, outcome: 'approved' | 'rejected'): Promise<void> {
  await closeOpenTasks(ctx, inst);
  inst.state = outcome;
  await saveInstance(ctx, inst);
  await setRecordState(ctx, inst, outcome);
  await addEvent(ctx, inst, { action: outcome }, [inst.submitter]);
}
