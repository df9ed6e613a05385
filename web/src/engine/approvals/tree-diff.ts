import type { FlowNode, FlowTree } from './flow-types.ts';
import { isGateway } from './tree-ops.ts';

/** What changed between two versions of a flow, node by node (nodes keep their ids across versions). */
export type DiffChange =
  | 'name'
  | 'assignees'
  | 'mode'
  | 'onEmpty'
  | 'timeout'
  | 'condition'
  | 'place'
  | 'order'
  | 'settings'
  | 'binding'
  | 'trigger'
  | 'appliesWhen';

export interface DiffEntry {
  kind: 'added' | 'removed' | 'changed';
  id: string;
  name: string;
  /** A node's type, a branch, or the flow's own settings. */
  what: FlowNode['type'] | 'branch' | 'flow';
  changes: DiffChange[];
}

interface Item {
  id: string;
  name: string;
  what: DiffEntry['what'];
  parent: string | null;
  index: number;
  body: Record<string, unknown>;
}

function items(tree: FlowTree): Map<string, Item> {
  const out = new Map<string, Item>();
  const walk = (nodes: FlowNode[], parent: string | null) => {
    for (const [index, n] of nodes.entries()) {
      const body: Record<string, unknown> =
        n.type === 'approver'
          ? {
              assignees: n.assignees,
              mode: [n.mode, n.sharePercent ?? null],
              onEmpty: n.onEmpty,
              timeout: n.timeout ?? null,
            }
          : n.type === 'cc'
            ? { assignees: n.assignees }
            : {};
      out.set(n.id, { id: n.id, name: n.name, what: n.type, parent, index, body });
      if (isGateway(n))
        for (const [bi, b] of n.branches.entries()) {
          out.set(b.id, {
            id: b.id,
            name: b.name,
            what: 'branch',
            parent: n.id,
            index: bi,
            body: { condition: b.when ?? null },
          });
          walk(b.nodes, b.id);
        }
    }
  };
  walk(tree.nodes, null);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The differences from `from` to `to`: nodes added, removed, changed (and how), then the flow's settings. */
export function diffTrees(from: FlowTree, to: FlowTree): DiffEntry[] {
  const a = items(from);
  const b = items(to);
  const out: DiffEntry[] = [];
  for (const x of b.values()) {
    const old = a.get(x.id);
    if (!old) {
      out.push({ kind: 'added', id: x.id, name: x.name, what: x.what, changes: [] });
      continue;
    }
    const changes: DiffChange[] = [];
    if (old.name !== x.name) changes.push('name');
    for (const k of Object.keys(x.body)) if (!same(old.body[k], x.body[k])) changes.push(k as DiffChange);
    if (old.parent !== x.parent) changes.push('place');
    else if (x.what === 'branch' && old.index !== x.index) changes.push('order');
    if (changes.length) out.push({ kind: 'changed', id: x.id, name: x.name, what: x.what, changes });
  }
  for (const x of a.values())
    if (!b.has(x.id)) out.push({ kind: 'removed', id: x.id, name: x.name, what: x.what, changes: [] });
  const flow: DiffChange[] = [];
  if (!same(from.settings, to.settings)) flow.push('settings');
  if (!same(from.binding, to.binding)) flow.push('binding');
  if (!same(from.trigger, to.trigger)) flow.push('trigger');
  if (!same(from.appliesWhen, to.appliesWhen)) flow.push('appliesWhen');
  if (flow.length) out.push({ kind: 'changed', id: '$flow', name: '', what: 'flow', changes: flow });
  return out;
}
