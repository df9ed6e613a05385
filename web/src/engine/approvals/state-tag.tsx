import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InstanceState } from './approvals-api.ts';
import type { ApprovalMode } from './flow-types.ts';

const instanceColors: Record<InstanceState, string> = {
  running: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** 审批中 · 已退回 · 已通过 · 已驳回 · 已撤回. */
export function StateTag({ state }: { state: InstanceState }) {
  const { t } = useTranslation();
  return (
    <Tag color={instanceColors[state]} data-testid="approval-state">
      {t(`approvals.state.${state}`)}
    </Tag>
  );
}

const taskColors: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  passed: 'success',
  rejected: 'error',
  returned: 'warning',
  transferred: 'default',
  cancelled: 'default',
  waiting: 'default',
  unread: 'blue',
  read: 'default',
};

/** A person's task at a step: 待审批, 已同意, 自动通过 …. */
export function TaskStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={taskColors[state] ?? 'default'} variant="filled">
      {t(`approvals.taskState.${state}`, { defaultValue: state })}
    </Tag>
  );
}

/** 依次审批 · 会签 · 或签 · 票签 60%. */
export function useModeText() {
  const { t } = useTranslation();
  return (mode: ApprovalMode, percent?: number) =>
    mode === 'share' ? t('approvals.mode.share', { percent: percent ?? 100 }) : t(`approvals.mode.${mode}`);
}
