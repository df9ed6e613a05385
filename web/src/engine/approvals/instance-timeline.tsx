import { PaperClipOutlined } from '@ant-design/icons';
import { Space, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDatetime } from '../format.ts';
import { fileUrl, type InstanceDetail, type TimelineEntry } from './approvals-api.ts';
import { flatSteps } from './plan-steps.ts';

const colors: Record<string, string> = {
  approvedStep: 'green',
  approved: 'green',
  autoPassed: 'green',
  timeoutPassed: 'green',
  rejectedStep: 'red',
  rejected: 'red',
  timeoutRejected: 'red',
  returned: 'orange',
  withdrawn: 'gray',
  urged: 'orange',
};

/** What one line of the timeline says, in the reader's language. */
export function describeEvent(e: TimelineEntry, d: InstanceDetail, t: TFunction): string {
  const name = (id: number) => d.people[id] ?? d.tasks.find((x) => x.assignee.id === id)?.assignee.label ?? `#${id}`;
  const names = (ids: unknown) => (Array.isArray(ids) ? ids.map((i) => name(Number(i))).join('、') : '');
  switch (e.action) {
    case 'returned':
      return e.detail.to === 'submitter'
        ? t('approvals.timeline.returnedSubmitter')
        : t('approvals.timeline.returnedStep', { step: e.detail.step ?? '' });
    case 'transferred':
      return t('approvals.timeline.transferred', { name: name(Number(e.detail.to)) });
    case 'addedApprovers':
      return e.detail.position === 'before'
        ? t('approvals.timeline.addedBefore', { names: names(e.detail.users) })
        : t('approvals.timeline.addedAfter', { names: names(e.detail.users) });
    case 'autoPassed':
      return e.detail.reason === 'repeat'
        ? t('approvals.timeline.autoPassedRepeat')
        : t('approvals.timeline.autoPassedSubmitter');
    case 'noApprover':
      return t(
        `approvals.timeline.noApprover.${e.detail.outcome === 'rejected' ? 'rejected' : e.detail.outcome === 'admin' ? 'admin' : 'passed'}`,
      );
    case 'cc':
      return t('approvals.timeline.cc', { names: names(e.detail.users) });
    default:
      return t(`approvals.timeline.${e.action}`, { defaultValue: e.action });
  }
}

/** The instance's history (审批动态): who did what, when, with comments and attachments. */
export function InstanceTimeline({ detail }: { detail: InstanceDetail }) {
  const { t } = useTranslation();
  const steps = new Map(flatSteps(detail.plan).map((s) => [s.nodeId, s.name]));
  // A task being created is shown by the path (who is to act), not as a line of its own.
  const events = detail.timeline.filter((e) => e.action !== 'task');
  return (
    <Timeline
      data-testid="approval-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: colors[e.action] ?? 'blue',
        content: (
          <div data-testid="timeline-entry">
            <Space size={6} wrap>
              <Typography.Text strong>{e.actor?.label ?? t('approvals.timeline.system')}</Typography.Text>
              {e.onBehalfOf && (
                <Typography.Text type="secondary">
                  {t('approvals.timeline.onBehalf', { name: e.onBehalfOf.label })}
                </Typography.Text>
              )}
              <span>{describeEvent(e, detail, t)}</span>
              {e.nodeId && steps.has(e.nodeId) && (
                <Typography.Text type="secondary">「{steps.get(e.nodeId)}」</Typography.Text>
              )}
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDatetime(e.at)}
              </Typography.Text>
            </div>
            {e.comment && <div className="approval-comment">{e.comment}</div>}
            {Array.isArray(e.detail.files) && e.detail.files.length > 0 && (
              <Space wrap size={4}>
                {(e.detail.files as Array<{ id: number; name: string }>).map((f) => (
                  <a key={f.id} href={fileUrl(detail.id, f.id)} data-testid="comment-file">
                    <PaperClipOutlined /> {f.name}
                  </a>
                ))}
              </Space>
            )}
          </div>
        ),
      }))}
    />
  );
}
