import type { Ctx } from '../context.ts';
import type { Registry } from '../metadata/registry.ts';

/**
 * Objects with automatic flows, per engine, for a few seconds: a saved record asks the database only when its
 * object has one (other processes' publications show within the TTL; this process's at once).
 */
const autoCache = new WeakMap<Registry, Map<string, { at: number; has: boolean }>>();
const ttlMs = 5000;

export function forgetAutoFlows(registry: Registry): void {
  autoCache.get(registry)?.clear();
}

export async function cachedHasAuto(ctx: Ctx, object: string, load: () => Promise<boolean>): Promise<boolean> {
  const m = autoCache.get(ctx.registry) ?? new Map<string, { at: number; has: boolean }>();
  autoCache.set(ctx.registry, m);
  const hit = m.get(object);
  if (hit && Date.now() - hit.at < ttlMs) return hit.has;
  const has = await load();
  m.set(object, { at: Date.now(), has });
  return has;
}
