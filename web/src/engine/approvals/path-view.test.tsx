import { render, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { TaskInfo } from './approvals-api.ts';
import type { PlanStep } from './flow-types.ts';
import { PathView } from './path-view.tsx';

const plan: PlanStep[] = [
  { kind: 'approve', nodeId: 'mgr', name: '直属主管', mode: 'sequence', approvers: [2], onEmpty: 'admin' },
  {
    kind: 'approve',
    nodeId: 'dirs',
    name: '总监会签',
    mode: 'all',
    approvers: [3, 4],
    onEmpty: 'admin',
    via: '折扣判断：折扣超过10%',
    timeout: { hours: 24, action: 'remind' },
  },
  {
    kind: 'approve',
    nodeId: 'pick',
    name: '财务复核',
    mode: 'sequence',
    approvers: [],
    onEmpty: 'admin',
    chosen: { multiple: false },
  },
  { kind: 'cc', nodeId: 'cc', name: '抄送财务', users: [5] },
];
const people = { 2: '赵经理', 3: '王总监', 4: '刘总监', 5: '孙会计' };
const task = (
  id: number,
  nodeId: string,
  who: [number, string],
  state: string,
  extra: Partial<TaskInfo> = {},
): TaskInfo => ({
  id,
  nodeId,
  round: 1,
  kind: 'approve',
  assignee: { id: who[0], label: who[1] },
  onBehalfOf: null,
  state,
  added: false,
  comment: null,
  dueAt: null,
  actedAt: null,
  ...extra,
});

describe('WF-2 WF-4 the approval path', () => {
  test('the predicted path: submitter, steps in order with their people, how several decide, the branch taken, 结束', () => {
    const { container } = render(<PathView plan={plan} people={people} submitter="小李" />);
    const steps = screen.getAllByTestId('path-step').map((s) => s.textContent);
    expect(steps).toEqual(['直属主管', '总监会签会签', '财务复核', '抄送财务抄送']);
    expect(screen.getByText('折扣判断：折扣超过10%')).toBeTruthy();
    expect(screen.getByText('超过 24 小时未处理：提醒审批人')).toBeTruthy();
    expect(screen.getByText('由发起人选择审批人')).toBeTruthy();
    expect(container.textContent).toMatch(/发起人.*小李.*赵经理.*王总监.*刘总监.*孙会计.*结束/);
  });

  test('an instance: each person’s decision and comment, delegated tasks 「代 A」, the step waiting marked as current', () => {
    const tasks = [
      task(1, 'mgr', [2, '赵经理'], 'approved', { comment: '同意', actedAt: '2026-03-02T08:00:00Z' }),
      task(2, 'dirs', [6, '周助理'], 'pending', { onBehalfOf: { id: 3, label: '王总监' } }),
      task(3, 'dirs', [4, '刘总监'], 'approved'),
    ];
    const { container } = render(
      <PathView
        plan={plan.slice(0, 2)}
        people={people}
        submitter="小李"
        tasks={tasks}
        done={['mgr']}
        state="running"
      />,
    );
    const lines = screen.getAllByTestId('path-task').map((l) => l.textContent);
    expect(lines[0]).toContain('赵经理已同意');
    expect(lines[1]).toContain('周助理代 王总监待审批');
    expect(lines[2]).toContain('刘总监已同意');
    expect(screen.getByText('同意')).toBeTruthy();
    const items = container.querySelectorAll('.ant-steps-item');
    expect([...items].map((i) => i.className.match(/ant-steps-item-(finish|process|wait|error)/)?.[1])).toEqual([
      'finish',
      'finish',
      'process',
      'wait',
    ]);
    expect(within(items[2] as HTMLElement).queryByText('王总监')).toBeNull();
  });
});
