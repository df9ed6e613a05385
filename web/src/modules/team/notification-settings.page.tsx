import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../engine/api.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { type Preference, preferencesKey, usePreferences } from './team-api.ts';

/** 通知设置 (NOTIF-2): per kind of notification, in the app and/or by email. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const prefs = usePreferences();
  const [busy, setBusy] = useState<string>();
  const change = async (p: Preference, channel: 'inApp' | 'email', on: boolean) => {
    setBusy(`${p.kind}.${channel}`);
    try {
      const r = await request<{ data: Preference[] }>('PUT', '/api/notifications/preferences', {
        items: [{ kind: p.kind, [channel]: on }],
      });
      qc.setQueryData(preferencesKey, r.data);
      message.success(t('team.notifications.saved'));
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const toggle = (channel: 'inApp' | 'email') => (_: unknown, p: Preference) => (
    <Switch
      checked={p[channel]}
      loading={busy === `${p.kind}.${channel}`}
      onChange={(on) => change(p, channel, on)}
      data-testid={`pref-${p.kind}-${channel}`}
    />
  );
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('team.notifications.title')}</h2>
      </div>
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('team.notifications.hint')}</Typography.Paragraph>
        {prefs.error && <Alert type="error" showIcon title={(prefs.error as Error).message} />}
        <Table<Preference>
          size="small"
          rowKey="kind"
          loading={prefs.isLoading}
          dataSource={prefs.data ?? []}
          pagination={false}
          data-testid="notification-preferences"
          columns={[
            { key: 'label', title: t('team.notifications.kind'), dataIndex: 'label' },
            { key: 'inApp', title: t('team.notifications.inApp'), render: toggle('inApp'), align: 'center' },
            { key: 'email', title: t('team.notifications.email'), render: toggle('email'), align: 'center' },
          ]}
        />
      </Card>
    </div>
  );
}
