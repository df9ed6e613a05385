import type { Ctx } from '../../engine/context.ts';
import { fetchFull } from '../../engine/records/fetch.ts';
import { idOf } from './meta.ts';

const trusted = new WeakSet<Ctx>();

/**
 * A context for the module's own follow-up writes inside a write that was already authorised (a line changes the
 * opportunity's amount, an opportunity creates its checklist): they skip the "may edit the opportunity" check.
 */
export function trustedCtx(ctx: Ctx): Ctx {
  const t = { ...ctx };
  trusted.add(t);
  return t;
}

export const isTrusted = (ctx: Ctx) => trusted.has(ctx);

/** Facts about a customer the rules need (type, name, owner), read through the engine without a scope. */
export async function customerFacts(
  ctx: Ctx,
  id: number,
): Promise<{ type: string | null; name: string; owner: number | null }> {
  const { record } = await fetchFull(ctx, ctx.registry.get('customer'), id);
  return { type: (record.type as string) ?? null, name: String(record.name ?? ''), owner: idOf(record.owner) };
}

/** The title of any record (for generated names). */
export async function titleOf(ctx: Ctx, object: string, id: number): Promise<string> {
  const obj = ctx.registry.get(object);
  const { record } = await fetchFull(ctx, obj, id);
  return String(record[obj.titleField] ?? id);
}
