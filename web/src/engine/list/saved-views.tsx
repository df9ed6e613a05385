import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { api } from '../api.ts';
import { can, useObject } from '../metadata.ts';
import { useApiError } from '../use-api-error.ts';
import type { ListView } from './view-state.ts';

interface SavedView {
  id: number;
  name: string;
  object: string;
  filter?: ListView['filter'];
  columns?: string[];
  sort?: string;
  groupBy?: string;
  shared?: boolean;
  owner?: { id: number; label: string };
}

/** Named views of a list: the user's own and those shared with everyone. */
export function SavedViews({ object, view, onApply }: { object: string; view: ListView; onApply(v: ListView): void }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { meta } = useObject('savedView');
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const key = ['records', 'savedView', 'for', object];
  const views = useQuery({
    queryKey: key,
    enabled: can(meta, 'read'),
    queryFn: () =>
      api
        .post<{ data: SavedView[] }>('/api/objects/savedView/query', {
          filter: {
            and: [
              { field: 'object', op: 'eq', value: object },
              {
                or: [
                  { field: 'shared', op: 'eq', value: true },
                  { field: 'owner', op: 'eq', value: me?.user.id },
                ],
              },
            ],
          },
          sort: 'name',
          limit: 200,
        })
        .then((r) => r.data),
  });
  const create = useMutation({
    mutationFn: (v: { name: string; shared: boolean }) =>
      api.post<{ data: SavedView }>('/api/objects/savedView', {
        ...v,
        object,
        filter: view.filter ?? null,
        columns: view.columns,
        sort: view.sort ?? null,
        groupBy: view.groupBy ?? null,
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: key });
      setSaving(false);
      onApply({ ...view, viewId: r.data.id });
      message.success(t('views.saved'));
    },
    onError: (e) => apiError(e),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.del(`/api/objects/savedView/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: key });
      onApply({ ...view, viewId: undefined });
    },
  });
  if (!meta) return null;
  const current = views.data?.find((v) => v.id === view.viewId);
  return (
    <Space.Compact>
      <Select
        style={{ minWidth: 140 }}
        placeholder={t('views.all')}
        value={view.viewId}
        allowClear
        data-testid="saved-views"
        onChange={(id?: number) => {
          const v = views.data?.find((x) => x.id === id);
          onApply(
            v
              ? {
                  viewId: v.id,
                  filter: v.filter ?? undefined,
                  columns: v.columns ?? view.columns,
                  sort: v.sort ?? undefined,
                  groupBy: v.groupBy ?? undefined,
                }
              : { columns: view.columns, sort: '-updatedAt' },
          );
        }}
        options={(views.data ?? []).map((v) => ({
          value: v.id,
          label: v.shared ? `${v.name} · ${t('views.shared')}` : v.name,
        }))}
      />
      {can(meta, 'create') && (
        <Button
          icon={<SaveOutlined />}
          onClick={() => {
            form.resetFields();
            setSaving(true);
          }}
          aria-label={t('views.save')}
        />
      )}
      {current && current.owner?.id === me?.user.id && (
        <Button icon={<DeleteOutlined />} onClick={() => remove.mutate(current.id)} aria-label={t('views.delete')} />
      )}
      <Modal
        open={saving}
        title={t('views.save')}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: create.isPending }}
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate({ name: v.name, shared: !!v.shared })}>
          <Form.Item
            name="name"
            label={t('views.name')}
            rules={[{ required: true, message: t('fieldError.required') }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>{t('views.shareWithAll')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Space.Compact>
  );
}
