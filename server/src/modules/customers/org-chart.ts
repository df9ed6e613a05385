import type { Ctx } from '../../engine/context.ts';
import { getRecord, listAllRecords } from '../../engine/query/list.ts';

export interface OrgNode {
  id: number;
  name?: unknown;
  title?: unknown;
  department?: unknown;
  decisionRole?: unknown;
  children: OrgNode[];
}

export interface OrgChart {
  customer: { id: number; name: unknown };
  roots: OrgNode[];
  count: number;
  /** More contacts than one chart shows; the rest are left out. */
  truncated: boolean;
}

/** More than this is not a readable chart; the list view serves larger customers. */
const maxContacts = 2000;

const refId = (v: unknown): number | null =>
  v && typeof v === 'object' && 'id' in v ? Number((v as { id: unknown }).id) : null;

/**
 * The customer's contacts as a reports-to tree (CUS-10). Rows come from the engine's list (access predicate and
 * field rights applied there): a contact the caller cannot read is absent, and whoever reports to them becomes a
 * root; a hidden field is absent from every node.
 */
export async function orgChart(ctx: Ctx, customerId: number): Promise<OrgChart> {
  const customerObj = ctx.registry.get('customer');
  const customer = await getRecord(ctx, customerObj, customerId);
  const contact = ctx.registry.get('contact');
  const rows = await listAllRecords(
    ctx,
    contact,
    { filter: { field: 'customer', op: 'eq', value: customerId }, sort: [{ field: 'id', dir: 'asc' }] },
    maxContacts + 1,
  );
  const shown = rows.slice(0, maxContacts);
  const nodes = new Map<number, OrgNode>();
  for (const r of shown) {
    nodes.set(Number(r.id), {
      id: Number(r.id),
      name: r.name,
      title: r.title,
      department: r.department,
      decisionRole: r.decisionRole,
      children: [],
    });
  }
  const roots: OrgNode[] = [];
  const parentOf = new Map<OrgNode, OrgNode>();
  for (const r of shown) {
    const node = nodes.get(Number(r.id))!;
    const parent = nodes.get(refId(r.reportsTo) ?? -1);
    // A parent outside the visible set makes a root.
    if (parent && parent !== node) {
      parent.children.push(node);
      parentOf.set(node, parent);
    } else roots.push(node);
  }
  breakLoops(roots, [...nodes.values()], parentOf);
  return {
    customer: { id: customerId, name: customer.name },
    roots,
    count: shown.length,
    truncated: rows.length > maxContacts,
  };
}

/**
 * Loops cannot be saved (customer.hooks.ts), but one saved before that check would hide its members from the tree:
 * cut each at its first member, which becomes a root.
 */
function breakLoops(roots: OrgNode[], all: OrgNode[], parentOf: Map<OrgNode, OrgNode>): void {
  const seen = new Set<OrgNode>();
  const walk = (n: OrgNode) => {
    seen.add(n);
    for (const c of n.children) walk(c);
  };
  for (const r of roots) walk(r);
  for (const n of all) {
    if (seen.has(n)) continue;
    const parent = parentOf.get(n)!;
    parent.children.splice(parent.children.indexOf(n), 1);
    roots.push(n);
    walk(n);
  }
}
