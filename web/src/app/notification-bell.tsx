import { BellOutlined, SettingOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDatetime } from '../engine/format.ts';
import { useApiError } from '../engine/use-api-error.ts';
import {
  markRead,
  type NotificationItem,
  recentKey,
  unreadKey,
  useNotificationStream,
  useRecentNotifications,
  useUnreadCount,
} from './notification-stream.ts';

/**
 * The bell (NOTIF-1): the unread count, live through the server's event stream; the recent notifications, where a
 * click marks one read and opens the record it is about; "mark all read"; a new one also pops up while the page is
 * open.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const apiError = useApiError();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { notification } = App.useApp();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const available = unread.data !== null && unread.data !== undefined;
  const recent = useRecentNotifications(open && available);
  useNotificationStream(available, (n) =>
    notification.info({
      title: n.title,
      description: n.body,
      placement: 'bottomRight',
      duration: 6,
      onClick: () => void openItem(n),
    }),
  );
  const settle = (count: number, ids: number[] | 'all') => {
    qc.setQueryData(unreadKey, count);
    qc.setQueryData<NotificationItem[]>(recentKey, (old) =>
      old?.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)),
    );
  };
  const openItem = async (n: NotificationItem) => {
    setOpen(false);
    try {
      if (!n.read) settle(await markRead({ ids: [n.id] }), [n.id]);
    } catch (e) {
      apiError(e);
    }
    if (n.link) nav(`/o/${n.link.object}/${n.link.id}`);
  };
  const readAll = async () => {
    try {
      settle(await markRead({ all: true }), 'all');
    } catch (e) {
      apiError(e);
    }
  };
  const items = recent.data ?? [];
  const count = unread.data ?? 0;
  const content = (
    <div style={{ width: 'min(320px, calc(100vw - 32px))' }} data-testid="notification-list">
      {items.length ? (
        <List
          size="small"
          style={{ maxHeight: 360, overflow: 'auto' }}
          loading={recent.isLoading}
          dataSource={items}
          rowKey="id"
          renderItem={(n) => (
            <List.Item
              onClick={() => void openItem(n)}
              style={{ cursor: 'pointer', background: n.read ? undefined : '#f0f7ff', paddingInline: 8 }}
              data-testid="notification-item"
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.read}>{n.title}</Typography.Text>}
                description={[n.body, formatDatetime(n.at)].filter(Boolean).join(' · ')}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shell.noNotifications')} />
      )}
      <div style={{ textAlign: 'right', marginTop: 8 }}>
        <Link to="/notifications/settings" onClick={() => setOpen(false)}>
          <SettingOutlined /> {t('shell.notificationSettings')}
        </Link>
      </div>
    </div>
  );
  const title = (
    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
      {t('shell.notifications')}
      <Button size="small" type="link" disabled={count === 0} onClick={readAll} data-testid="notifications-read-all">
        {t('shell.markAllRead')}
      </Button>
    </Space>
  );
  return (
    <Popover content={content} title={title} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Badge count={count} size="small" overflowCount={99} data-testid="notification-count">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('shell.notifications')}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
