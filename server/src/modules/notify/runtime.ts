import type { Ctx } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { Registry } from '../../engine/metadata/registry.ts';
import { systemTx } from '../customers/ownership-input.ts';

/** Retry policy of the module's jobs (tests shorten the delays). */
export interface NotifyOptions {
  /** Email attempts after the first failure, and seconds before the first retry (doubled after each). */
  emailRetryLimit: number;
  emailRetryDelay: number;
  reminderRetryLimit: number;
  reminderRetryDelay: number;
}

export const defaultNotifyOptions: NotifyOptions = {
  emailRetryLimit: 5,
  emailRetryDelay: 60,
  reminderRetryLimit: 5,
  reminderRetryDelay: 30,
};

interface Runtime {
  engine: Engine;
  options: NotifyOptions;
}

// Several engines may live in one process (two "servers" in a test): each registry knows its own engine.
const runtimes = new WeakMap<Registry, Runtime>();

export function bindRuntime(engine: Engine, options: NotifyOptions): void {
  runtimes.set(engine.registry, { engine, options });
}

/** The engine a context belongs to (for jobs and mail from inside a transaction). */
export function runtimeOf(ctx: Pick<Ctx, 'registry'>): Runtime {
  const r = runtimes.get(ctx.registry);
  if (!r) throw new Error('the notify module is not set up on this engine');
  return r;
}

/** The system actor on ctx's connection (inside its transaction, if one is open): the module's own bookkeeping. */
export function systemOf(ctx: Ctx): Ctx {
  return systemTx(runtimeOf(ctx).engine, ctx);
}
