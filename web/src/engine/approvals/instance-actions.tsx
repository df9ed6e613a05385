import { CheckOutlined, CloseOutlined, CommentOutlined, DownOutlined, MoreOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, type MenuProps, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../use-api-error.ts';
import { ActionDialog, type DialogAction } from './action-dialog.tsx';
import { actOnInstance, type InstanceDetail, refreshApprovals } from './approvals-api.ts';

const SubmitDialog = lazy(() => import('./submit-dialog.tsx'));

type Key = DialogAction | 'withdraw' | 'urge' | 'resubmit';

/**
 * What the reader may do on an instance, and nothing else: the approver's 同意 / 驳回 first, then 退回 / 转交 / 加签;
 * the submitter's 撤回 / 催办 / 重新提交; 评论 for everyone in it. On a phone the buttons sit in a bar fixed at the
 * bottom, big enough for a thumb.
 */
export function InstanceActions({ detail, mobile }: { detail: InstanceDetail; mobile: boolean }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState<Key | null>(null);
  const can = detail.can;
  const mine = can.taskId !== null;
  // Without a task of mine, the submitter's main command (重新提交) stands on its own; the rest go under 更多.
  const lead: Key | undefined = !mine && can.resubmit ? 'resubmit' : undefined;
  const secondary = (
    [
      ...(mine ? ['return', 'transfer', 'addSign'] : []),
      ...(can.resubmit ? ['resubmit'] : []),
      ...(can.urge ? ['urge'] : []),
      ...(can.withdraw ? ['withdraw'] : []),
    ] as Key[]
  ).filter((k) => k !== lead);
  const instanceCommand = async (action: 'withdraw' | 'urge') => {
    try {
      await actOnInstance(detail.id, action, {});
      message.success(t(`approvals.done.${action}`));
    } catch (e) {
      apiError(e);
    } finally {
      await refreshApprovals(qc);
    }
  };
  const run = (k: Key) => {
    if (k === 'urge') return void instanceCommand('urge');
    if (k === 'withdraw')
      return void modal.confirm({
        title: t('approvals.dialog.withdrawConfirm'),
        content: t('approvals.dialog.withdrawHint'),
        okButtonProps: { 'data-testid': 'confirm-withdraw' } as never,
        onOk: () => instanceCommand('withdraw'),
      });
    setOpen(k);
  };
  const size = mobile ? 'large' : 'middle';
  const more: MenuProps['items'] = secondary.map((k) => ({
    key: k,
    label: <span data-testid={`action-${k}`}>{t(`approvals.action.${k}`)}</span>,
    danger: k === 'withdraw',
  }));
  const buttons = (
    <>
      {can.comment && (
        <Button size={size} icon={<CommentOutlined />} onClick={() => run('comment')} data-testid="action-comment-open">
          {t('approvals.action.comment')}
        </Button>
      )}
      {secondary.length > 0 && (
        <Dropdown menu={{ items: more, onClick: ({ key }) => run(key as Key) }} trigger={['click']}>
          <Button size={size} icon={mobile ? <MoreOutlined /> : undefined} data-testid="action-more">
            {t('approvals.action.more')} {!mobile && <DownOutlined />}
          </Button>
        </Dropdown>
      )}
      {mine && (
        <Button size={size} danger icon={<CloseOutlined />} onClick={() => run('reject')} data-testid="action-reject">
          {t('approvals.action.reject')}
        </Button>
      )}
      {mine && (
        <Button
          size={size}
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => run('approve')}
          data-testid="action-approve"
        >
          {t('approvals.action.approve')}
        </Button>
      )}
      {lead && (
        <Button size={size} type="primary" onClick={() => run(lead)} data-testid={`action-${lead}`}>
          {t(`approvals.action.${lead}`)}
        </Button>
      )}
    </>
  );
  return (
    <>
      {mobile ? (
        <div className="approval-action-bar" data-testid="approval-actions">
          {buttons}
        </div>
      ) : (
        <Space wrap data-testid="approval-actions">
          {buttons}
        </Space>
      )}
      {open && open !== 'resubmit' && open !== 'withdraw' && open !== 'urge' && (
        <ActionDialog action={open} detail={detail} onClose={() => setOpen(null)} />
      )}
      {open === 'resubmit' && (
        <Suspense fallback={null}>
          <SubmitDialog object={detail.object} recordId={detail.recordId} onClose={() => setOpen(null)} />
        </Suspense>
      )}
    </>
  );
}
