import type { Registry } from '../metadata/registry.ts';
import type { Jobs } from './jobs.ts';

/**
 * The job queue of each engine, found from a context's registry: platform parts that queue work inside a caller's
 * transaction (approval timeouts, automation webhooks) reach it without holding the engine (a process may run
 * several engines in tests).
 */
const jobsOf = new WeakMap<Registry, Jobs>();

export function bindJobs(registry: Registry, jobs: Jobs): void {
  jobsOf.set(registry, jobs);
}

export const jobsFor = (registry: Registry): Jobs | undefined => jobsOf.get(registry);
