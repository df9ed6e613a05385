import type { Filter } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { validationFailed } from '../../engine/errors.ts';
import { listAllRecords, listRecords } from '../../engine/query/list.ts';

export interface DepartmentNode {
  id: number;
  name: string;
  kind: unknown;
  head: unknown;
  children: DepartmentNode[];
}

/** What a colleague's card shows; a field the caller may not read is simply absent (engine field rights). */
const cardFields = ['id', 'name', 'title', 'department', 'mobile', 'email', 'username'];

/** Every department the caller may read, as a tree (children sorted by name). */
async function departmentTree(ctx: Ctx): Promise<{ roots: DepartmentNode[]; nodes: Map<number, DepartmentNode> }> {
  const rows = await listAllRecords(
    ctx,
    ctx.registry.get('department'),
    { sort: [{ field: 'name', dir: 'asc' }] },
    10_000,
  );
  const nodes = new Map<number, DepartmentNode>();
  for (const d of rows)
    nodes.set(Number(d.id), {
      id: Number(d.id),
      name: String(d.name ?? ''),
      kind: d.kind ?? null,
      head: d.head ?? null,
      children: [],
    });
  const roots: DepartmentNode[] = [];
  for (const d of rows) {
    const parent = (d.parent as { id: number } | null)?.id;
    const node = nodes.get(Number(d.id))!;
    const up = parent !== undefined ? nodes.get(parent) : undefined;
    if (up) up.children.push(node);
    else roots.push(node);
  }
  return { roots, nodes };
}

function subtree(node: DepartmentNode): number[] {
  return [node.id, ...node.children.flatMap(subtree)];
}

/**
 * The enterprise address book (TEAM-7): active colleagues, optionally within a department and the departments
 * below it, optionally matching a quick search, with the department tree for navigation. Users are read through
 * the engine, so scopes, hidden fields and masking apply as on the user list.
 */
export async function addressBook(ctx: Ctx, q: { department?: string; q?: string; cursor?: string; limit?: string }) {
  const { roots, nodes } = await departmentTree(ctx);
  const filter: Filter[] = [{ field: 'active', op: 'eq', value: true }];
  if (q.department !== undefined && q.department !== '') {
    const node = /^\d{1,15}$/.test(q.department) ? nodes.get(Number(q.department)) : undefined;
    if (!node) throw validationFailed({ department: 'notFound' });
    filter.push({ field: 'department', op: 'in', value: subtree(node) });
  }
  const limit = q.limit === undefined ? 200 : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw validationFailed({ limit: 'format' });
  const page = await listRecords(ctx, ctx.registry.get('user'), {
    filter: { and: filter },
    q: q.q || undefined,
    sort: [{ field: 'name', dir: 'asc' }],
    limit,
    cursor: q.cursor || undefined,
  });
  const people = page.data.map((u) => Object.fromEntries(cardFields.filter((f) => f in u).map((f) => [f, u[f]])));
  return { data: { departments: roots, people }, nextCursor: page.nextCursor };
}
