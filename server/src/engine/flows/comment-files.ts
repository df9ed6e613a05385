import { sql } from 'kysely';
import { type Ctx, subjectOf } from '../context.ts';
import { KehuError } from '../errors.ts';
import type { FileRow } from '../files/store.ts';
import { participates } from './actions.ts';
import { readInstance } from './instance.ts';

/**
 * A file attached to a comment on an instance (WF-4 评论), for whoever may see the instance: its submitter, the
 * people in it, administrators. Only files a comment of this instance names are served (no id guessing).
 */
export async function commentFile(ctx: Ctx, instanceId: number, fileId: number): Promise<FileRow> {
  const inst = await readInstance(ctx, instanceId);
  const me = subjectOf(ctx.actor);
  if (!inst || (inst.submitter !== me && !ctx.actor.isAdmin && !(await participates(ctx, inst, ctx.actor.userId))))
    throw new KehuError('NOT_FOUND');
  const r = await sql<FileRow>`select f.* from sys_file f where f.id = ${fileId} and exists (
      select 1 from sys_flow_event e, jsonb_array_elements(coalesce(e.detail->'files', '[]'::jsonb)) x
      where e.instance_id = ${instanceId} and e.action = 'commented' and (x->>'id')::bigint = f.id)`.execute(ctx.db);
  if (!r.rows[0]) throw new KehuError('NOT_FOUND');
  return r.rows[0];
}
