import { DeleteOutlined, EditOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { api } from '../../engine/api.ts';
import { formatDatetime } from '../../engine/format.ts';
import { can, useLabel, useObject, useObjects } from '../../engine/metadata.ts';
import type { RecordData } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { AlertRuleDialog } from './alert-rule-dialog.tsx';
import { queryRecords } from './team-api.ts';

/** 预警规则 (TEAM-5, NOTIF-3): the user's alerts — any saved filter on any object, checked on a schedule. */
export default function AlertsPage() {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { meta } = useObject('alertRule');
  const objects = useObjects().data ?? [];
  const [editing, setEditing] = useState<RecordData | 'new'>();
  const key = ['records', 'alertRule', 'mine', me?.user.id];
  const rules = useQuery({
    queryKey: key,
    enabled: !!me,
    queryFn: () =>
      queryRecords('alertRule', { filter: { field: 'owner', op: 'eq', value: me?.user.id }, sort: 'name', limit: 500 }),
  });
  const reload = () => qc.invalidateQueries({ queryKey: ['records', 'alertRule'] });
  const attempt = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      apiError(e);
    } finally {
      await reload();
    }
  };
  const run = (r: RecordData) =>
    attempt(async () => {
      const res = await api.post<{ data: { count: number } }>(`/api/alert-rules/${r.id}/run`);
      message.info(t('team.alerts.ran', { n: res.data.count }));
    });
  const objectLabel = (name: unknown) => label(objects.find((o) => o.name === name)?.label, String(name ?? ''));
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('team.alerts.title')}</h2>
        {can(meta, 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-alert">
            {t('team.alerts.new')}
          </Button>
        )}
      </div>
      {rules.error && <Alert type="error" showIcon title={(rules.error as Error).message} />}
      <Table<RecordData>
        size="small"
        rowKey="id"
        loading={rules.isLoading}
        dataSource={rules.data ?? []}
        scroll={{ x: 760 }}
        pagination={false}
        data-testid="alert-rules"
        columns={[
          { key: 'name', title: t('team.alerts.name'), dataIndex: 'name' },
          {
            key: 'target',
            title: t('team.alerts.target'),
            render: (_, r) => (r.view ? <Tag>{r.view.label}</Tag> : objectLabel(r.object)),
          },
          {
            key: 'schedule',
            title: t('team.alerts.schedule'),
            render: (_, r) => (r.schedule === 'cron' ? r.cron : t(`team.alerts.schedules.${r.schedule}`)),
          },
          {
            key: 'active',
            title: t('team.alerts.active'),
            render: (_, r) => (
              <Switch
                size="small"
                checked={r.active !== false}
                onChange={(v) =>
                  attempt(() => api.patch(`/api/objects/alertRule/${r.id}`, { active: v, version: r.version }))
                }
              />
            ),
          },
          { key: 'last', title: t('team.alerts.lastRun'), render: (_, r) => formatDatetime(r.lastRunAt) },
          { key: 'count', title: t('team.alerts.lastCount'), dataIndex: 'lastCount', align: 'right' },
          { key: 'next', title: t('team.alerts.nextRun'), render: (_, r) => formatDatetime(r.nextRunAt) },
          {
            key: 'actions',
            title: '',
            render: (_, r) => (
              <Space>
                <Button
                  size="small"
                  icon={<PlayCircleOutlined />}
                  onClick={() => run(r)}
                  title={t('team.alerts.run')}
                />
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} title={t('common.edit')} />
                <Popconfirm
                  title={t('team.alerts.deleteConfirm')}
                  onConfirm={() => attempt(() => api.del(`/api/objects/alertRule/${r.id}?version=${r.version}`))}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} title={t('common.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <AlertRuleDialog
          rule={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            message.success(t('team.alerts.saved'));
            void reload();
          }}
        />
      )}
    </div>
  );
}
