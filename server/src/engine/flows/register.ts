import type { Ctx } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { Jobs } from '../jobs/jobs.ts';
import type { Registry } from '../metadata/registry.ts';
import type { WriteEvent } from '../records/hooks.ts';
import { cachedHasAuto } from './auto-cache.ts';
import { openInstanceOf } from './instance.ts';
import { publishedFlows } from './store.ts';
import { startAutomatic } from './submit.ts';
import { onTimeout } from './timeouts.ts';
import { flowTimeoutJob } from './timers.ts';

const hasAutoFlows = (ctx: Ctx, object: string) =>
  cachedHasAuto(ctx, object, async () => (await publishedFlows(ctx, object)).some((f) => f.tree.trigger?.auto));

/**
 * While an approval runs, the record is the flow's (WF-2 §2): nobody changes or deletes it but the flow itself;
 * once returned to its submitter, only the submitter. The engine's own bookkeeping (internal writes) passes.
 */
async function recordLock(ctx: Ctx, e: WriteEvent): Promise<void> {
  if (e.byFlow || e.internal || e.id === undefined || e.action === 'create' || e.action === 'undelete') return;
  const open = await openInstanceOf(ctx, e.object.name, e.id);
  if (!open) return;
  if (open.state === 'returned' && open.submitter === (ctx.actor.onBehalfOf ?? ctx.actor.userId)) return;
  throw new KehuError(
    'RECORD_IN_APPROVAL',
    { flow: open.flow, submitter: open.submitterName, instanceId: open.id },
    undefined,
    409,
  );
}

/** The approval engine's parts that run on every write and in the background. */
export function registerFlows(registry: Registry, jobs: Jobs, systemContext: () => Ctx): void {
  registry.hooks.rule(recordLock);
  registry.hooks.on('*', {
    async after(ctx, e) {
      if (e.byFlow || e.id === undefined || (e.action !== 'create' && e.action !== 'update')) return;
      if (!(await hasAutoFlows(ctx, e.object.name))) return;
      await startAutomatic(ctx, e.object.name, e.id, e.action);
    },
  });
  void jobs.define(flowTimeoutJob, (data: { taskId: number; due: string }) => onTimeout(systemContext(), data), {
    retryLimit: 5,
    retryDelay: 5,
    // Many timeouts can fall due at once (after a weekend): two workers take 100 each per second and handle 4 at a
    // time (the handler is idempotent: a retried batch does nothing twice).
    concurrency: 2,
    batchSize: 100,
    parallel: 4,
    pollingIntervalSeconds: 1,
  });
}
