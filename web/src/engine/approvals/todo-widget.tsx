import { AuditOutlined } from '@ant-design/icons';
import { Badge, Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDatetime } from '../format.ts';
import { useInbox } from './approvals-api.ts';
import { useApprovalCounts } from './counts-api.ts';

/** The home page's 待我审批 card (NOTIF-3): the count and the first tasks, each a tap away. */
export default function TodoWidget() {
  const { t } = useTranslation();
  const counts = useApprovalCounts();
  const inbox = useInbox('todo', 5);
  const items = inbox.data?.pages[0]?.items ?? [];
  const total = counts.data?.todo ?? 0;
  return (
    <Card
      size="small"
      loading={inbox.isLoading}
      data-testid="approvals-widget"
      title={
        <Space>
          <AuditOutlined />
          {t('approvals.home.title')}
          <Badge
            count={total}
            showZero
            color={total ? '#ff4d4f' : '#d9d9d9'}
            overflowCount={999}
            data-testid="approvals-widget-count"
          />
        </Space>
      }
      extra={<Link to="/approvals">{t('approvals.home.all', { n: total })}</Link>}
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('approvals.home.nothing')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          rowKey={(i) => String(i.taskId ?? i.instanceId)}
          renderItem={(i) => (
            <List.Item>
              <Space wrap size={6}>
                <Link to={`/approvals/${i.instanceId}`} data-testid="approvals-widget-item">
                  {i.flow}「{i.title ?? `#${i.recordId}`}」
                </Link>
                <Typography.Text type="secondary">{i.submitter.label}</Typography.Text>
                <Typography.Text type="secondary">{formatDatetime(i.at)}</Typography.Text>
                {i.onBehalfOf && (
                  <Typography.Text type="secondary">
                    {t('approvals.onBehalf', { name: i.onBehalfOf.label })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
