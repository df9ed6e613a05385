import { Button, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDatetime } from '../format.ts';
import { useLabel } from '../metadata.ts';
import { type Box, type InboxItem, useInbox } from './approvals-api.ts';
import { StateTag, TaskStateTag } from './state-tag.tsx';

/** One item as a card: flow, what it is about, who asked and when, and whose task it is when delegated. */
export function InboxCard({ item, box }: { item: InboxItem; box: Box }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Link to={`/approvals/${item.instanceId}`} className="approval-card" data-testid="inbox-item">
      <div className="approval-card-head">
        <Typography.Text strong ellipsis>
          {item.flow}
        </Typography.Text>
        <Space size={4}>
          {box === 'done' && item.taskState && <TaskStateTag state={item.taskState} />}
          <StateTag state={item.state} />
        </Space>
      </div>
      <div className="approval-card-title">
        {item.title ?? `#${item.recordId}`}
        {item.objectLabel && <Typography.Text type="secondary"> · {label(item.objectLabel)}</Typography.Text>}
      </div>
      <Space size={8} wrap className="approval-card-meta">
        <span>{t('approvals.submittedBy', { name: item.submitter.label })}</span>
        <span>{formatDatetime(item.at)}</span>
        {item.onBehalfOf && (
          <Tag color="purple" variant="filled" data-testid="on-behalf">
            {t('approvals.onBehalf', { name: item.onBehalfOf.label })}
          </Tag>
        )}
      </Space>
    </Link>
  );
}

/** A box of the approval center, newest first (待我审批 too), page after page. */
export function InboxList({ box }: { box: Box }) {
  const { t } = useTranslation();
  const q = useInbox(box);
  if (q.isLoading) return <Spin style={{ display: 'block', margin: 32 }} />;
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) return <Empty description={t(`approvals.empty.${box}`)} />;
  return (
    <div data-testid={`inbox-${box}`}>
      <List
        dataSource={items}
        rowKey={(i) => `${i.instanceId}-${i.taskId ?? ''}`}
        split={false}
        renderItem={(i) => (
          <List.Item style={{ padding: '4px 0' }}>
            <InboxCard item={i} box={box} />
          </List.Item>
        )}
      />
      {q.hasNextPage && (
        <Button block loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()} data-testid="inbox-more">
          {t('approvals.loadMore')}
        </Button>
      )}
    </div>
  );
}
