import { sql } from 'kysely';
import { type Ctx, transaction } from '../context.ts';
import { administrators } from './approvers.ts';
import { addEvent, lockInstance, setTask, tasksOf } from './instance.ts';
import { stepsOf } from './plan.ts';
import { advance, createTasks, finish } from './runtime.ts';
import { scheduleTimeout } from './timers.ts';

/** What a step's timeout does when a task is still open at its due time (WF-2 §1, NOTIF-3). */
export async function onTimeout(ctx: Ctx, data: { taskId: number; due: string }): Promise<string> {
  return transaction(ctx, async (tx) => {
    const found = await sql<{ instance_id: string }>`select instance_id from sys_flow_task
      where id = ${data.taskId}`.execute(tx.db);
    if (!found.rows[0]) return 'gone';
    const inst = await lockInstance(tx, Number(found.rows[0].instance_id));
    const task = (await tasksOf(tx, inst)).find((t) => t.id === data.taskId);
    const due = await sql<{ due_at: Date | null }>`select due_at from sys_flow_task where id = ${data.taskId}`.execute(
      tx.db,
    );
    // Acted on, cancelled, or given a later due time in the meantime: nothing to do (and never twice).
    if (inst.state !== 'running' || task?.state !== 'pending') return 'done';
    const at = due.rows[0]?.due_at;
    if (at?.toISOString() !== new Date(data.due).toISOString()) return 'moved';
    if (at.getTime() > Date.now()) {
      await scheduleTimeout(tx, task.id, at);
      return 'early';
    }
    const step = [...stepsOf(inst.plan)].find((s) => s.nodeId === task.node_id);
    if (step?.kind !== 'approve' || !step.timeout) return 'none';
    const { action, hours } = step.timeout;
    if (action === 'remind') {
      const next = new Date(Date.now() + hours * 3_600_000);
      await sql`update sys_flow_task set due_at = ${next.toISOString()} where id = ${task.id}`.execute(tx.db);
      await scheduleTimeout(tx, task.id, next);
      await addEvent(tx, inst, { action: 'reminded', taskId: task.id, nodeId: step.nodeId }, [task.assignee]);
      return 'reminded';
    }
    if (action === 'escalate') {
      await setTask(tx, task.id, 'transferred');
      const admins = (await administrators(tx)).filter((a) => a !== task.assignee);
      const ids = await createTasks(tx, inst, step, admins, 'approve', () => 'pending', { seqFrom: task.seq });
      await addEvent(
        tx,
        inst,
        { action: 'escalated', taskId: task.id, nodeId: step.nodeId, detail: { tasks: ids } },
        admins,
      );
      return 'escalated';
    }
    await setTask(tx, task.id, action === 'pass' ? 'approved' : 'rejected', { actor: null });
    await addEvent(tx, inst, {
      action: action === 'pass' ? 'timeoutPassed' : 'timeoutRejected',
      taskId: task.id,
      nodeId: step.nodeId,
    });
    if (action === 'reject') await finish(tx, inst, 'rejected');
    else await advance(tx, inst, step);
    return action;
  });
}
