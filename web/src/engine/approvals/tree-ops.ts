import type { Branch, ConditionNode, FlowNode, FlowTree, NodeType, ParallelNode } from './flow-types.ts';

/**
 * Editing operations of the designer's tree, as pure functions (every one returns a new tree, the old one is left
 * as it was, so undo and React's change detection need nothing else). A list of nodes is named by the branch that
 * holds it, or `null` for the top level.
 */
export type ListRef = string | null;
type Gateway = ConditionNode | ParallelNode;

export const isGateway = (n: FlowNode): n is Gateway => n.type === 'condition' || n.type === 'parallel';

/** Apply `fn` to every list of the tree (innermost first), rebuilding only what it changes. */
function mapLists(nodes: FlowNode[], fn: (list: FlowNode[], ref: ListRef) => FlowNode[], ref: ListRef): FlowNode[] {
  const inner = nodes.map((n) =>
    isGateway(n) ? { ...n, branches: n.branches.map((b) => ({ ...b, nodes: mapLists(b.nodes, fn, b.id) })) } : n,
  );
  return fn(inner, ref);
}

const withNodes = (tree: FlowTree, fn: (list: FlowNode[], ref: ListRef) => FlowNode[]): FlowTree => ({
  ...tree,
  nodes: mapLists(tree.nodes, fn, null),
});

/** Every node, depth first. */
export function* allNodes(nodes: FlowNode[]): Generator<FlowNode> {
  for (const n of nodes) {
    yield n;
    if (isGateway(n)) for (const b of n.branches) yield* allNodes(b.nodes);
  }
}

/** Every id in use, nodes and branches alike (the server wants them unique across both). */
export function collectIds(tree: FlowTree): Set<string> {
  const ids = new Set<string>();
  for (const n of allNodes(tree.nodes)) {
    ids.add(n.id);
    if (isGateway(n)) for (const b of n.branches) ids.add(b.id);
  }
  return ids;
}

/** A short id (`n` and four base-36 characters) that is not in `taken`; it is added to `taken`. */
export function shortId(taken: Set<string>, random: () => number = Math.random): string {
  for (;;) {
    const id = `n${Math.floor(random() * 36 ** 4)
      .toString(36)
      .padStart(4, '0')}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export interface NodeNames {
  approver: string;
  cc: string;
  condition: string;
  parallel: string;
  /** Branch names by their place (1-based). */
  conditionBranch(n: number): string;
  parallelBranch(n: number): string;
  otherwise: string;
}

/** A new node of a kind with its defaults: a condition comes with a branch to fill in and 其他情况. */
export function makeNode(type: NodeType, taken: Set<string>, names: NodeNames): FlowNode {
  const id = shortId(taken);
  if (type === 'approver') return { id, type, name: names.approver, assignees: [], mode: 'sequence', onEmpty: 'admin' };
  if (type === 'cc') return { id, type, name: names.cc, assignees: [] };
  if (type === 'condition')
    return {
      id,
      type,
      name: names.condition,
      branches: [
        { id: shortId(taken), name: names.conditionBranch(1), when: { any: [] }, nodes: [] },
        { id: shortId(taken), name: names.otherwise, nodes: [] },
      ],
    };
  return {
    id,
    type,
    name: names.parallel,
    branches: [1, 2].map((n) => ({ id: shortId(taken), name: names.parallelBranch(n), nodes: [] })),
  };
}

/** Where a node sits: its list and index. */
export function locate(tree: FlowTree, id: string): { list: ListRef; index: number; node: FlowNode } | undefined {
  const search = (nodes: FlowNode[], list: ListRef): ReturnType<typeof locate> => {
    for (const [index, n] of nodes.entries()) {
      if (n.id === id) return { list, index, node: n };
      if (isGateway(n))
        for (const b of n.branches) {
          const r = search(b.nodes, b.id);
          if (r) return r;
        }
    }
    return undefined;
  };
  return search(tree.nodes, null);
}

/** A branch and the gateway node holding it. */
export function findBranch(
  tree: FlowTree,
  id: string,
): { gateway: Gateway; branch: Branch; index: number } | undefined {
  for (const n of allNodes(tree.nodes))
    if (isGateway(n)) {
      const index = n.branches.findIndex((b) => b.id === id);
      if (index >= 0) return { gateway: n, branch: n.branches[index], index };
    }
  return undefined;
}

export function insertNode(tree: FlowTree, list: ListRef, index: number, node: FlowNode): FlowTree {
  return withNodes(tree, (nodes, ref) =>
    ref === list ? [...nodes.slice(0, index), node, ...nodes.slice(index)] : nodes,
  );
}

export function removeNode(tree: FlowTree, id: string): FlowTree {
  return withNodes(tree, (nodes) => nodes.filter((n) => n.id !== id));
}

export function updateNode(tree: FlowTree, id: string, fn: (n: FlowNode) => FlowNode): FlowTree {
  return withNodes(tree, (nodes) => nodes.map((n) => (n.id === id ? fn(n) : n)));
}

/**
 * Move a node to another place (`index` counts in the target list as it is before the move). Refused (the tree
 * comes back unchanged) when the target list lies inside the node itself.
 */
export function moveNode(tree: FlowTree, id: string, list: ListRef, index: number): FlowTree {
  const from = locate(tree, id);
  if (!from) return tree;
  if (list !== null && isGateway(from.node) && collectIds({ ...tree, nodes: [from.node] }).has(list)) return tree;
  const at = from.list === list && from.index < index ? index - 1 : index;
  return insertNode(removeNode(tree, id), list, at, from.node);
}

/** Move a node one place up or down in its own list. */
export function shiftNode(tree: FlowTree, id: string, by: -1 | 1): FlowTree {
  const from = locate(tree, id);
  if (!from) return tree;
  const to = from.index + by;
  const size = from.list === null ? tree.nodes.length : (findBranch(tree, from.list)?.branch.nodes.length ?? 0);
  if (to < 0 || to >= size) return tree;
  return moveNode(tree, id, from.list, by > 0 ? to + 1 : to);
}

const isElse = (g: Gateway, b: Branch) => g.type === 'condition' && !b.when;

function updateGateway(tree: FlowTree, id: string, fn: (g: Gateway) => Gateway): FlowTree {
  return updateNode(tree, id, (n) => (isGateway(n) ? fn(n) : n));
}

/** A new branch: before 其他情况 on a condition node (it stays last), at the end of a parallel one. */
export function addBranch(tree: FlowTree, gatewayId: string, branch: Branch): FlowTree {
  return updateGateway(tree, gatewayId, (g) => {
    const last = g.branches[g.branches.length - 1];
    const at = last && isElse(g, last) ? g.branches.length - 1 : g.branches.length;
    const b = g.type === 'condition' ? { when: { any: [] }, ...branch } : branch;
    return { ...g, branches: [...g.branches.slice(0, at), b, ...g.branches.slice(at)] } as Gateway;
  });
}

/**
 * Remove a branch. A gateway left with one branch is no gateway any more: it is replaced by that branch's steps,
 * so that nothing already designed inside it is lost.
 */
export function removeBranch(tree: FlowTree, branchId: string): FlowTree {
  const found = findBranch(tree, branchId);
  if (!found) return tree;
  const rest = found.gateway.branches.filter((b) => b.id !== branchId);
  if (rest.length >= 2) return updateGateway(tree, found.gateway.id, (g) => ({ ...g, branches: rest }) as Gateway);
  return withNodes(tree, (nodes) => nodes.flatMap((n) => (n.id === found.gateway.id ? (rest[0]?.nodes ?? []) : [n])));
}

export function updateBranch(tree: FlowTree, branchId: string, fn: (b: Branch) => Branch): FlowTree {
  const found = findBranch(tree, branchId);
  if (!found) return tree;
  return updateGateway(
    tree,
    found.gateway.id,
    (g) => ({ ...g, branches: g.branches.map((b) => (b.id === branchId ? fn(b) : b)) }) as Gateway,
  );
}

/**
 * Change a branch's priority (condition branches are tried left to right). 其他情况 stays last: it does not move
 * and nothing moves past it.
 */
export function shiftBranch(tree: FlowTree, branchId: string, by: -1 | 1): FlowTree {
  const found = findBranch(tree, branchId);
  if (!found) return tree;
  const { gateway: g, index } = found;
  const to = index + by;
  if (to < 0 || to >= g.branches.length) return tree;
  if (isElse(g, g.branches[index]) || isElse(g, g.branches[to])) return tree;
  const branches = [...g.branches];
  [branches[index], branches[to]] = [branches[to], branches[index]];
  return updateGateway(tree, g.id, (x) => ({ ...x, branches }) as Gateway);
}
