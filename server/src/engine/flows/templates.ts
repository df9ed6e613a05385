import type { Label } from '@kehu/common';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { checkFlow } from './check.ts';
import { flowInvalid, parseTree } from './parse.ts';

/** A ready-made process (WF-3): installed once, published, then the administrators' to edit like any flow. */
export interface FlowTemplate {
  key: string;
  object: string;
  name: Label;
  description?: Label;
  tree: unknown;
  /** Off until an administrator turns it on (a flow that would change how a core object is created). */
  inactive?: boolean;
}

/**
 * Install the templates whose objects exist and whose keys are free, each as a published version 1, in the
 * caller's transaction. A template that does not check is a programming error and fails the installation.
 */
export async function installFlowTemplates(ctx: Ctx, templates: FlowTemplate[]): Promise<number> {
  let installed = 0;
  for (const t of templates) {
    if (!ctx.registry.has(t.object)) continue;
    const tree = parseTree(t.tree);
    const problems = await checkFlow(ctx, t.object, tree);
    if (problems.length) throw flowInvalid(problems);
    const r = await sql<{
      id: string;
    }>`insert into sys_flow (key, object, name, description, draft, active, published_version)
      values (${t.key}, ${t.object}, ${t.name[ctx.locale] ?? t.name['zh-CN']},
        ${t.description ? (t.description[ctx.locale] ?? t.description['zh-CN']) : null}, ${JSON.stringify(tree)},
        ${!t.inactive}, 1) on conflict (key) do nothing returning id`.execute(ctx.db);
    if (!r.rows[0]) continue;
    await sql`insert into sys_flow_version (flow_id, version, tree) values (${r.rows[0].id}, 1, ${JSON.stringify(tree)})`.execute(
      ctx.db,
    );
    installed++;
  }
  return installed;
}
