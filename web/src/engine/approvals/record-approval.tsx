import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import type { RecordExtensionProps } from '../extensions.ts';
import { formatDate } from '../format.ts';
import { can } from '../metadata.ts';
import { isOpen, useRecordApprovals } from './approvals-api.ts';
import { StateTag } from './state-tag.tsx';

const SubmitDialog = lazy(() => import('./submit-dialog.tsx'));

function Submit({ object, recordId, label }: { object: string; recordId: number; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SendOutlined />} onClick={() => setOpen(true)} data-testid="submit-approval">
        {label}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <SubmitDialog object={object} recordId={recordId} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

/** 「提交审批」 in a record's header, for any object with a published flow, when the record is not in one already. */
export function ApprovalAction({ meta, record }: RecordExtensionProps) {
  const { t } = useTranslation();
  const q = useRecordApprovals(meta.name, record.id);
  if (!q.data?.flows.length || !can(meta, 'update')) return null;
  if (q.data.instances.some((i) => isOpen(i.state))) return null;
  return <Submit object={meta.name} recordId={record.id} label={t('approvals.record.submit')} />;
}

/**
 * A record's approval state on its page: 「审批中 · 流程名 · 查看审批」 while one runs (the record is locked), the
 * request back with its submitter (修改后重新提交), and the earlier approvals, small.
 */
export function ApprovalBar({ meta, record }: RecordExtensionProps) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const q = useRecordApprovals(meta.name, record.id);
  const list = q.data?.instances ?? [];
  const open = list.find((i) => isOpen(i.state));
  const past = list.filter((i) => !isOpen(i.state)).slice(0, 3);
  if (!open && past.length === 0) return null;
  const mine = open?.submitter.id === me?.user.id;
  return (
    <div style={{ marginBottom: 12 }} data-testid="approval-bar">
      {open && (
        <Alert
          type={open.state === 'running' ? 'info' : 'warning'}
          showIcon
          title={
            <Space size={6} wrap>
              <span data-testid="approval-bar-state">
                {open.state === 'running' ? t('approvals.record.inApproval') : t('approvals.record.returned')}
              </span>
              <span>·</span>
              <span>{open.flow}</span>
              <span>·</span>
              <Link to={`/approvals/${open.id}`} data-testid="approval-bar-link">
                {t('approvals.record.view')}
              </Link>
            </Space>
          }
          description={
            open.state === 'running'
              ? t('approvals.record.lockedHint', { name: open.submitter.label })
              : mine
                ? t('approvals.record.returnedHint')
                : undefined
          }
          action={
            open.state === 'returned' && mine ? (
              <Submit object={meta.name} recordId={record.id} label={t('approvals.action.resubmit')} />
            ) : undefined
          }
        />
      )}
      {past.length > 0 && (
        <Space size={[12, 4]} wrap style={{ marginTop: open ? 8 : 0 }} data-testid="approval-history">
          <Typography.Text type="secondary">{t('approvals.record.history')}</Typography.Text>
          {past.map((i) => (
            <Link key={i.id} to={`/approvals/${i.id}`}>
              <Space size={4}>
                <span>{i.flow}</span>
                <StateTag state={i.state} />
                <Typography.Text type="secondary">{formatDate(i.endedAt ?? i.startedAt)}</Typography.Text>
              </Space>
            </Link>
          ))}
        </Space>
      )}
    </div>
  );
}
