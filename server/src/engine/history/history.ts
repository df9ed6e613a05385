import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import type { ObjectDef } from '../metadata/types.ts';

export type Snapshot = Record<string, unknown>;

const skip = new Set(['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy', 'id']);

/** Field-level differences between two API forms of a record: `{ field: [old, new] }`. */
export function diff(before: Snapshot | undefined, after: Snapshot): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const k of keys) {
    if (skip.has(k)) continue;
    const a = before?.[k] ?? null;
    const b = after[k] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[k] = [a, b];
  }
  return changes;
}

/**
 * The JSON texts of a created record's version: its changes (`diff(undefined, after)`) and `after` itself, each
 * value written once for both, without comparing values as JSON texts (an import writes them for every new record).
 */
export function createdJson(after: Snapshot): { changes: string; snapshot: string } {
  const all: string[] = [];
  const changed: string[] = [];
  for (const [k, v] of Object.entries(after)) {
    const json = JSON.stringify(v);
    if (json === undefined) continue;
    const key = JSON.stringify(k);
    all.push(`${key}:${json}`);
    if (json !== 'null' && !skip.has(k)) changed.push(`${key}:[null,${json}]`);
  }
  return { changes: `{${changed.join(',')}}`, snapshot: `{${all.join(',')}}` };
}

/** Store one version (SEC-10) in the caller's transaction: who, when, from where, what changed, and the whole record. */
export async function writeVersion(
  ctx: Ctx,
  obj: ObjectDef,
  id: number,
  version: number,
  action: string,
  changes: Record<string, [unknown, unknown]>,
  snapshot: Snapshot,
): Promise<void> {
  await versionInsert(ctx, obj, id, version, action, changes, snapshot)?.execute(ctx.db);
}

/** The statement that stores one version (none for objects without history), to run alone or with others. */
export function versionInsert(
  ctx: Ctx,
  obj: ObjectDef,
  id: number,
  version: number,
  action: string,
  changes: Record<string, [unknown, unknown]>,
  snapshot: Snapshot,
) {
  if (obj.noHistory) return undefined;
  return sql`insert into sys_history (object, record_id, version, action, actor_id, on_behalf_of, ip, user_agent, changes, snapshot)
    values (${obj.name}, ${id}, ${version}, ${action}, ${ctx.actor.userId || null}, ${ctx.actor.onBehalfOf ?? null},
      ${ctx.ip ?? null}, ${ctx.userAgent?.slice(0, 300) ?? null}, ${JSON.stringify(changes)}, ${JSON.stringify(snapshot)})`;
}
