import type { Ctx } from '../context.ts';
import type { Jobs } from '../jobs/jobs.ts';
import type { Registry } from '../metadata/registry.ts';

export const flowTimeoutJob = 'flow.timeout';

/** The jobs of each engine, found from a context's registry (a process may hold several engines in tests). */
const jobsOf = new WeakMap<Registry, Jobs>();

export function useFlowJobs(registry: Registry, jobs: Jobs): void {
  jobsOf.set(registry, jobs);
}

/**
 * A task's timeout as a pg-boss job queued inside the command's transaction: it exists only if the command
 * commits, survives restarts, and runs once (one job per task and due time; the handler re-checks both).
 */
export async function scheduleTimeout(ctx: Ctx, taskId: number, due: Date): Promise<void> {
  const jobs = jobsOf.get(ctx.registry);
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
