import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { checkCondition } from './conditions.ts';
import type { FlowProblem } from './parse.ts';
import { type FlowTree, walk } from './tree.ts';

/**
 * What publishing needs beyond the tree's shape (WF-2): every step can find an approver (named users exist and
 * are active, roles exist, person fields are person fields of the object), every condition compiles against the
 * object's fields, the binding names a picklist field and its options. Each problem names its node.
 */
export async function checkFlow(ctx: Ctx, object: string, tree: FlowTree): Promise<FlowProblem[]> {
  const problems: FlowProblem[] = [];
  if (!ctx.registry.has(object)) return [{ code: 'unknownObject' }];
  const obj = ctx.registry.get(object);
  const users = new Set<number>();
  const roles = new Set<number>();
  for (const n of walk(tree.nodes))
    if (n.type === 'approver' || n.type === 'cc')
      for (const a of n.assignees) {
        if (a.kind === 'users') for (const u of a.users) users.add(u);
        if (a.kind === 'role') roles.add(a.role);
      }
  const okUsers = new Set<number>();
  if (users.size) {
    const r = await sql<{ id: string }>`select id from obj_user where id = any(${[...users]}::bigint[])
      and deleted_at is null and active is not false`.execute(ctx.db);
    for (const x of r.rows) okUsers.add(Number(x.id));
  }
  const okRoles = new Set<number>();
  if (roles.size) {
    const r = await sql<{ id: string }>`select id from obj_role where id = any(${[...roles]}::bigint[])
      and deleted_at is null`.execute(ctx.db);
    for (const x of r.rows) okRoles.add(Number(x.id));
  }
  const at = (n: { id: string; name: string }, code: string) => problems.push({ nodeId: n.id, node: n.name, code });
  for (const n of walk(tree.nodes)) {
    if (n.type === 'approver' || n.type === 'cc') {
      for (const a of n.assignees) {
        if (a.kind === 'users' && a.users.some((u) => !okUsers.has(u))) at(n, 'inactiveUser');
        if (a.kind === 'role' && !okRoles.has(a.role)) at(n, 'unknownRole');
        if (a.kind === 'field') {
          const f = obj.fields.get(a.field);
          if (!f || !(f.type === 'owner' || (f.type === 'manyToOne' && f.object === 'user'))) at(n, 'notPersonField');
        }
        if (a.kind === 'chosen' && n.type === 'cc') at(n, 'badAssignee');
      }
    }
    if (n.type === 'condition')
      for (const b of n.branches) {
        const problem = b.when ? await checkCondition(ctx, object, b.when) : undefined;
        if (problem) problems.push({ nodeId: b.id, node: b.name, code: problem });
      }
  }
  for (const [name, cond] of [
    ['trigger', tree.trigger?.auto?.when],
    ['appliesWhen', tree.appliesWhen],
  ] as const) {
    const problem = cond ? await checkCondition(ctx, object, cond) : undefined;
    if (problem) problems.push({ node: name, code: problem });
  }
  const b = tree.binding;
  if (b?.stateField) {
    const f = obj.fields.get(b.stateField);
    // A deactivated option (WF-7) cannot become a state: the flow would write what users may no longer choose.
    const options = new Set((f?.options ?? []).filter((o) => o.active !== false).map((o) => o.value));
    if (f?.type !== 'picklist') problems.push({ node: 'binding', code: 'badBinding' });
    else
      for (const v of Object.values(b.states ?? {}))
        if (!options.has(v)) problems.push({ node: 'binding', code: 'badBinding' });
  }
  return problems;
}
