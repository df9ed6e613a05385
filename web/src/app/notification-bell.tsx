import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../engine/api.ts';
import { formatDatetime } from '../engine/format.ts';

interface Notification {
  id: number;
  title?: string;
  body?: string;
  at?: string;
  read?: boolean;
}

/** The bell: unread notifications from /api/notifications once the team module provides it; empty until then. */
export function NotificationBell() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['notifications'],
    queryFn: async () => {
      try {
        return (await api.get<{ data: Notification[] }>('/api/notifications')).data ?? [];
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return [];
        throw e;
      }
    },
    refetchInterval: 60_000,
    retry: false,
  });
  const items = q.data ?? [];
  const unread = items.filter((n) => !n.read).length;
  const content = items.length ? (
    <List
      size="small"
      style={{ width: 300, maxHeight: 360, overflow: 'auto' }}
      dataSource={items}
      renderItem={(n) => (
        <List.Item>
          <List.Item.Meta title={n.title} description={[n.body, formatDatetime(n.at)].filter(Boolean).join(' · ')} />
        </List.Item>
      )}
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shell.noNotifications')} />
  );
  return (
    <Popover content={content} title={t('shell.notifications')} trigger="click" placement="bottomRight">
      <Badge count={unread} size="small">
        <Button type="text" icon={<BellOutlined />} aria-label={t('shell.notifications')} />
      </Badge>
    </Popover>
  );
}
