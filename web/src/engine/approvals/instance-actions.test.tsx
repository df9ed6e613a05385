import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import i18next from 'i18next';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { InstanceDetail } from './approvals-api.ts';
import { InstanceActions } from './instance-actions.tsx';
import { describeEvent } from './instance-timeline.tsx';

const base: InstanceDetail = {
  id: 7,
  flow: { id: 1, name: '销售折扣审批', version: 1 },
  object: 'discountRequest',
  objectLabel: { 'zh-CN': '折扣申请' },
  recordId: 3,
  title: '华宇物流',
  submitter: 1,
  state: 'running',
  round: 1,
  plan: [{ kind: 'approve', nodeId: 'mgr', name: '直属主管', mode: 'sequence', approvers: [2], onEmpty: 'admin' }],
  done: [],
  people: { 1: '小李', 2: '赵经理', 3: '王总监' },
  tasks: [],
  timeline: [],
  can: { taskId: null, returnTo: [], withdraw: false, urge: false, resubmit: false, comment: true },
};

function show(can: Partial<InstanceDetail['can']>, mobile = false) {
  const qc = new QueryClient();
  return render(
    <QueryClientProvider client={qc}>
      <App>
        <InstanceActions detail={{ ...base, can: { ...base.can, ...can } }} mobile={mobile} />
      </App>
    </QueryClientProvider>,
  );
}

const buttons = () => screen.getAllByRole('button').map((b) => b.textContent?.replace(/\s/g, ''));
const menu = () => {
  fireEvent.click(screen.getByTestId('action-more'));
  return [...document.querySelectorAll('.ant-dropdown-menu-item')].map((i) => i.textContent);
};

afterEach(() => vi.restoreAllMocks());

describe('WF-4 the commands on an approval', () => {
  test('an approver: 同意 and 驳回 first, 退回 / 转交 / 加签 under 更多, 评论', () => {
    show({ taskId: 11 });
    expect(buttons()).toEqual(['评论', '更多', '驳回', '同意']);
    expect(menu()).toEqual(['退回', '转交', '加签']);
  });

  test('the submitter of a returned request: 重新提交 stands out, 撤回 under 更多; someone copied may only comment', () => {
    const { unmount } = show({ resubmit: true, withdraw: true });
    expect(buttons()).toEqual(['评论', '更多', '重新提交']);
    expect(menu()).toEqual(['撤回']);
    unmount();
    show({});
    expect(buttons()).toEqual(['评论']);
  });

  test('on a phone the commands sit in the bar at the bottom', () => {
    show({ taskId: 11 }, true);
    expect(screen.getByTestId('approval-actions').className).toBe('approval-action-bar');
  });

  test('驳回 needs a reason before anything is sent', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    show({ taskId: 11 });
    fireEvent.click(screen.getByTestId('action-reject'));
    fireEvent.click(await screen.findByTestId('action-ok'));
    expect(await screen.findByText('请填写驳回理由')).toBeTruthy();
    await waitFor(() => expect(fetch).not.toHaveBeenCalled());
  });

  test('the timeline says what happened, with the people by name', () => {
    const t = i18next.t.bind(i18next);
    const e = (action: string, detail: Record<string, unknown> = {}) => ({
      id: 1,
      action,
      nodeId: 'mgr',
      actor: null,
      onBehalfOf: null,
      comment: null,
      detail,
      at: '2026-03-02T08:00:00Z',
    });
    expect(describeEvent(e('returned', { to: 'submitter' }), base, t)).toBe('退回给发起人');
    expect(describeEvent(e('returned', { to: 'mgr', step: '直属主管' }), base, t)).toBe('退回到「直属主管」');
    expect(describeEvent(e('transferred', { to: 3 }), base, t)).toBe('转交给 王总监');
    expect(describeEvent(e('addedApprovers', { users: [2, 3], position: 'after' }), base, t)).toBe(
      '同意并在之后加签 赵经理、王总监',
    );
    expect(describeEvent(e('noApprover', { outcome: 'admin' }), base, t)).toBe('审批人为空，转交管理员');
    expect(describeEvent(e('autoPassed', { reason: 'repeat' }), base, t)).toBe('自动通过（同一审批人连续出现）');
    expect(describeEvent(e('timeoutPassed'), base, t)).toBe('超时自动通过');
  });
});
