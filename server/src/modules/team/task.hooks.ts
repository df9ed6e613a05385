import type { Ctx } from '../../engine/context.ts';
import { validationFailed } from '../../engine/errors.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { WriteEvent } from '../../engine/records/hooks.ts';
import { checkLinks, col, valueIn, writes } from './links.ts';

/** Done tasks carry when they were done; reopened ones lose it. A reminder must still be able to fire. */
async function beforeTask(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.action === 'delete' || e.action === 'undelete') return;
  const completed = col(ctx, 'task', 'completedAt');
  const status = valueIn(e, 'status');
  if (writes(e, 'status') || e.action === 'create') {
    if (status === 'done' && (e.action === 'create' || e.before?.status !== 'done'))
      e.values[completed] ??= new Date().toISOString();
    if (status !== 'done') e.values[completed] = null;
  }
  const minutes = valueIn(e, 'reminderMinutes');
  if (writes(e, 'reminderMinutes') && minutes !== null) {
    const due = valueIn(e, 'dueAt');
    if (due === null) throw validationFailed({ dueAt: 'required' });
    if (new Date(due as string).getTime() - Number(minutes) * 60_000 < Date.now())
      throw validationFailed({ reminderMinutes: 'reminderInPast' });
  }
  await checkLinks(ctx, e);
}

export function registerTaskHooks(engine: Engine): void {
  engine.registry.hooks.on('task', { before: beforeTask });
}
