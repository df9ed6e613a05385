import type { Ctx } from '../context.ts';
import { jobsFor } from '../jobs/of-registry.ts';

export const flowTimeoutJob = 'flow.timeout';

/**
 * A task's timeout as a pg-boss job queued inside the command's transaction: it exists only if the command
 * commits, survives restarts, and runs once (one job per task and due time; the handler re-checks both).
 */
export async function scheduleTimeout(ctx: Ctx, taskId: number, due: Date): Promise<void> {
  const jobs = jobsFor(ctx.registry);
  if (!jobs) return;
  await jobs.send(
    flowTimeoutJob,
    { taskId, due: due.toISOString() },
    {
      startAfter: due,
      singletonKey: `${taskId}:${due.getTime()}`,
      ctx,
    },
  );
}
