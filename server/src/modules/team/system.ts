import type { Ctx } from '../../engine/context.ts';
import type { Engine } from '../../engine/kernel.ts';
import type { Registry } from '../../engine/metadata/registry.ts';
import { systemTx } from '../customers/ownership-input.ts';

// Several engines may live in one process (two "servers" in a test): each registry knows its own engine.
const engines = new WeakMap<Registry, Engine>();

export function bindTeamEngine(engine: Engine): void {
  engines.set(engine.registry, engine);
}

/**
 * The system actor on ctx's connection (inside its transaction, if one is open): for integrity checks and for
 * choices that only narrow what the caller's own scope then shows (whose calendars), never for what is returned.
 */
export function systemOf(ctx: Ctx): Ctx {
  const engine = engines.get(ctx.registry);
  if (!engine) throw new Error('the team module is not set up on this engine');
  return systemTx(engine, ctx);
}
