import { describe, expect, test } from 'vitest';
import { defaultSettings, type FlowTree } from './flow-types.ts';
import { diffTrees } from './tree-diff.ts';

const v1: FlowTree = {
  settings: defaultSettings,
  nodes: [
    {
      id: 'mgr',
      type: 'approver',
      name: '直属主管',
      assignees: [{ kind: 'superiors', levels: 1 }],
      mode: 'sequence',
      onEmpty: 'admin',
    },
    {
      id: 'cond',
      type: 'condition',
      name: '折扣',
      branches: [
        {
          id: 'big',
          name: '大于10%',
          when: { any: [{ all: [{ field: 'discount', op: 'gt', value: 10 }] }] },
          nodes: [],
        },
        { id: 'else', name: '其他情况', nodes: [] },
      ],
    },
    { id: 'cc', type: 'cc', name: '抄送财务', assignees: [{ kind: 'users', users: [5] }] },
  ],
};

describe('WF-2 version diff', () => {
  test('the same tree has no differences', () => {
    expect(diffTrees(v1, structuredClone(v1))).toEqual([]);
  });

  test('nodes added, removed and changed, with what changed; flow settings last', () => {
    const v2: FlowTree = structuredClone(v1);
    const mgr = v2.nodes[0];
    if (mgr.type === 'approver') Object.assign(mgr, { mode: 'all', assignees: [{ kind: 'users', users: [1, 2] }] });
    const cond = v2.nodes[1];
    if (cond.type === 'condition') {
      cond.branches[0].when = { any: [{ all: [{ field: 'discount', op: 'gt', value: 15 }] }] };
      cond.branches[0].nodes.push({
        id: 'dir',
        type: 'approver',
        name: '总监会签',
        assignees: [],
        mode: 'all',
        onEmpty: 'admin',
      });
    }
    v2.nodes.pop();
    v2.settings = { ...defaultSettings, repeatApprover: 'approve' };
    expect(diffTrees(v1, v2)).toEqual([
      { kind: 'changed', id: 'mgr', name: '直属主管', what: 'approver', changes: ['assignees', 'mode'] },
      { kind: 'changed', id: 'big', name: '大于10%', what: 'branch', changes: ['condition'] },
      { kind: 'added', id: 'dir', name: '总监会签', what: 'approver', changes: [] },
      { kind: 'removed', id: 'cc', name: '抄送财务', what: 'cc', changes: [] },
      { kind: 'changed', id: '$flow', name: '', what: 'flow', changes: ['settings'] },
    ]);
  });

  test('a node moved into a branch and a branch moved in priority are told apart from edits', () => {
    const v2: FlowTree = structuredClone(v1);
    const [mgr, cond] = v2.nodes;
    if (cond.type !== 'condition') throw new Error('shape');
    cond.branches[1].nodes.push(mgr);
    cond.branches.reverse();
    v2.nodes = [cond, v2.nodes[2]];
    const d = diffTrees(v1, v2);
    expect(d.find((x) => x.id === 'mgr')?.changes).toEqual(['place']);
    expect(d.find((x) => x.id === 'big')?.changes).toEqual(['order']);
  });
});
