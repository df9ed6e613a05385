import { describe, expect, test } from 'vitest';
import { defaultSettings, type FlowNode, type FlowTree } from './flow-types.ts';
import {
  addBranch,
  collectIds,
  findBranch,
  insertNode,
  locate,
  makeNode,
  moveNode,
  type NodeNames,
  removeBranch,
  removeNode,
  shiftBranch,
  shiftNode,
  shortId,
  updateBranch,
  updateNode,
} from './tree-ops.ts';

const names: NodeNames = {
  approver: '审批人',
  cc: '抄送人',
  condition: '条件分支',
  parallel: '并行分支',
  conditionBranch: (n) => `条件${n}`,
  parallelBranch: (n) => `分支${n}`,
  otherwise: '其他情况',
};

const approver = (id: string): FlowNode => ({
  id,
  type: 'approver',
  name: id,
  assignees: [{ kind: 'superiors', levels: 1 }],
  mode: 'sequence',
  onEmpty: 'admin',
});

/** 主管 → 折扣判断 (大折扣: 总监 | 其他情况) → 抄送. */
const sample = (): FlowTree => ({
  settings: defaultSettings,
  nodes: [
    approver('mgr'),
    {
      id: 'cond',
      type: 'condition',
      name: '折扣判断',
      branches: [
        {
          id: 'big',
          name: '大折扣',
          when: { any: [{ all: [{ field: 'discount', op: 'gt', value: 10 }] }] },
          nodes: [approver('dir')],
        },
        { id: 'else', name: '其他情况', nodes: [] },
      ],
    },
    { id: 'cc', type: 'cc', name: '抄送', assignees: [{ kind: 'users', users: [1] }] },
  ],
});

const ids = (nodes: FlowNode[]) => nodes.map((n) => n.id);

describe('WF-2 designer tree operations', () => {
  test('short ids are unique among the ids in use', () => {
    const taken = new Set(['n0000']);
    let calls = 0;
    // The first draw collides with an id in use, the second does not.
    const id = shortId(taken, () => (calls++ === 0 ? 0 : 1 / 36 ** 4));
    expect(id).toBe('n0001');
    expect(taken.has('n0001')).toBe(true);
    const many = new Set<string>();
    for (let i = 0; i < 500; i++) shortId(many);
    expect(many.size).toBe(500);
    expect([...many].every((x) => /^n[0-9a-z]{4}$/.test(x))).toBe(true);
  });

  test('new nodes get their defaults; a condition comes with a branch to fill in and 其他情况 last', () => {
    const taken = collectIds(sample());
    const c = makeNode('condition', taken, names);
    expect(c.type === 'condition' && c.branches.map((b) => [b.name, b.when])).toEqual([
      ['条件1', { any: [] }],
      ['其他情况', undefined],
    ]);
    const p = makeNode('parallel', taken, names);
    expect(p.type === 'parallel' && p.branches.map((b) => b.name)).toEqual(['分支1', '分支2']);
    expect(makeNode('approver', taken, names)).toMatchObject({ mode: 'sequence', onEmpty: 'admin', assignees: [] });
    expect(taken.size).toBe(collectIds(sample()).size + 7);
  });

  test('insert at the top level and inside a branch, leaving the original tree as it was', () => {
    const tree = sample();
    const before = JSON.stringify(tree);
    const a = insertNode(tree, null, 1, approver('x'));
    expect(ids(a.nodes)).toEqual(['mgr', 'x', 'cond', 'cc']);
    const b = insertNode(a, 'else', 0, approver('y'));
    expect(findBranch(b, 'else')?.branch.nodes.map((n) => n.id)).toEqual(['y']);
    expect(JSON.stringify(tree)).toBe(before);
    expect(locate(b, 'y')).toMatchObject({ list: 'else', index: 0 });
  });

  test('remove and update nodes wherever they are', () => {
    const t = removeNode(sample(), 'dir');
    expect(findBranch(t, 'big')?.branch.nodes).toEqual([]);
    const u = updateNode(sample(), 'dir', (n) => ({ ...n, name: '总监会签' }));
    expect(locate(u, 'dir')?.node.name).toBe('总监会签');
    expect(ids(removeNode(sample(), 'cond').nodes)).toEqual(['mgr', 'cc']);
  });

  test('move a node into a branch, up and down, never into itself', () => {
    const into = moveNode(sample(), 'mgr', 'else', 0);
    expect(ids(into.nodes)).toEqual(['cond', 'cc']);
    expect(findBranch(into, 'else')?.branch.nodes.map((n) => n.id)).toEqual(['mgr']);
    // Within the same list the index is where it goes as the list stands before the move.
    expect(ids(moveNode(sample(), 'mgr', null, 3).nodes)).toEqual(['cond', 'cc', 'mgr']);
    expect(ids(shiftNode(sample(), 'cc', -1).nodes)).toEqual(['mgr', 'cc', 'cond']);
    expect(ids(shiftNode(sample(), 'mgr', 1).nodes)).toEqual(['cond', 'mgr', 'cc']);
    expect(shiftNode(sample(), 'mgr', -1)).toEqual(sample());
    // A condition node cannot go into one of its own branches.
    expect(moveNode(sample(), 'cond', 'big', 0)).toEqual(sample());
  });

  test('branches: added before 其他情况, priority changes, 其他情况 stays last', () => {
    const t = addBranch(sample(), 'cond', { id: 'mid', name: '中折扣', nodes: [] });
    const g = findBranch(t, 'mid')!.gateway;
    expect(g.branches.map((b) => b.id)).toEqual(['big', 'mid', 'else']);
    expect(findBranch(t, 'mid')?.branch.when).toEqual({ any: [] });
    expect(findBranch(shiftBranch(t, 'mid', -1), 'mid')?.index).toBe(0);
    expect(shiftBranch(t, 'mid', 1)).toEqual(t);
    expect(shiftBranch(t, 'else', -1)).toEqual(t);
    const renamed = updateBranch(t, 'mid', (b) => ({ ...b, name: '5%–10%' }));
    expect(findBranch(renamed, 'mid')?.branch.name).toBe('5%–10%');
    // A parallel node takes new branches at the end, without conditions.
    const p = insertNode(sample(), null, 0, makeNode('parallel', collectIds(sample()), names));
    const pid = p.nodes[0].id;
    const p2 = addBranch(p, pid, { id: 'p3', name: '分支3', nodes: [] });
    const pg = findBranch(p2, 'p3')!;
    expect(pg.index).toBe(2);
    expect(pg.branch.when).toBeUndefined();
  });

  test('removing a branch down to one replaces the gateway by the steps of the branch left', () => {
    const three = addBranch(sample(), 'cond', { id: 'mid', name: '中折扣', nodes: [approver('m1')] });
    const two = removeBranch(three, 'mid');
    expect(findBranch(two, 'big')?.gateway.branches.map((b) => b.id)).toEqual(['big', 'else']);
    const lifted = removeBranch(two, 'else');
    expect(ids(lifted.nodes)).toEqual(['mgr', 'dir', 'cc']);
    expect(ids(removeBranch(two, 'big').nodes)).toEqual(['mgr', 'cc']);
    expect(removeBranch(two, 'nope')).toEqual(two);
  });
});
