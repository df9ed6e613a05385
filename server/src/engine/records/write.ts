import { sql } from 'kysely';
import { type Ctx, subjectOf } from '../context.ts';
import { eventInsert } from '../events/outbox.ts';
import { diff, versionInsert } from '../history/history.ts';
import type { ObjectDef } from '../metadata/types.ts';
import { seenBy } from '../query/labels.ts';
import { fetchFull } from './fetch.ts';
import type { WriteAction, WriteEvent } from './hooks.ts';
import type { ParsedInput } from './input.ts';
import { mapDbError } from './pg-errors.ts';

const setList = (values: Record<string, unknown>) =>
  sql.join(Object.entries(values).map(([c, v]) => sql`${sql.ref(c)} = ${v}`));

/** Insert the row and its links; return the new id. */
export async function insertRow(
  ctx: Ctx,
  obj: ObjectDef,
  values: Record<string, unknown>,
  input: ParsedInput,
): Promise<number> {
  // Records created on someone's behalf belong to them (SEC-6); history keeps who really acted.
  const cols = { ...values, created_by: subjectOf(ctx.actor) || null, updated_by: ctx.actor.userId || null };
  try {
    const r = await sql<{
      id: number;
    }>`insert into ${sql.table(obj.table)} (${sql.join(Object.keys(cols).map((c) => sql.ref(c)))})
      values (${sql.join(Object.values(cols))}) returning id`.execute(ctx.db);
    const id = r.rows[0].id;
    for (const l of input.links) await l.field.impl.writeLinks?.(ctx.db, l.field, obj, id, l.value);
    return id;
  } catch (err) {
    throw mapDbError(err, obj);
  }
}

/** Update columns (with the version bump) and links of one row. */
export async function updateRow(
  ctx: Ctx,
  obj: ObjectDef,
  id: number,
  values: Record<string, unknown>,
  links: ParsedInput['links'],
) {
  const cols = { ...values, updated_by: ctx.actor.userId || null };
  try {
    await sql`update ${sql.table(obj.table)} set ${setList(cols)}, version = version + 1, updated_at = now()
      where id = ${id}`.execute(ctx.db);
    for (const l of links) await l.field.impl.writeLinks?.(ctx.db, l.field, obj, id, l.value);
  } catch (err) {
    throw mapDbError(err, obj);
  }
}

/**
 * The tail of every write: read the result, keep the version (history), queue the event, run after-hooks.
 * Returns the record in API form.
 */
export async function finishWrite(
  ctx: Ctx,
  obj: ObjectDef,
  id: number,
  action: WriteAction,
  event: WriteEvent,
  before?: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { record: after } = await fetchFull(ctx, obj, id);
  const changes = diff(before, after);
  // The version and the event in one statement (one round trip less on every write).
  const version = versionInsert(ctx, obj, id, after.version as number, action, changes, after);
  const queued = eventInsert(ctx, obj.name, id, action, { version: after.version, changed: Object.keys(changes) });
  await (version ? sql`with version as (${version}) ${queued}` : queued).execute(ctx.db);
  event.after = after;
  event.id = id;
  await ctx.registry.hooks.run('after', ctx, event);
  return seenBy(ctx, obj, after);
}
