import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Select, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { api } from '../api.ts';
import { can, useObject } from '../metadata.ts';
import type { ListView } from './view-state.ts';

// The naming dialog (a form) loads when the user first saves a view, not with the list.
const SaveViewDialog = lazy(() => import('./save-view-dialog.tsx').then((m) => ({ default: m.SaveViewDialog })));

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
  const { me } = useAuth();
  const qc = useQueryClient();
  const { meta } = useObject('savedView');
  const [saving, setSaving] = useState(false);
  // Once opened, the dialog stays mounted so that it closes with antd's animation.
  const [opened, setOpened] = useState(false);
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
            setOpened(true);
            setSaving(true);
          }}
          aria-label={t('views.save')}
        />
      )}
      {current && current.owner?.id === me?.user.id && (
        <Button icon={<DeleteOutlined />} onClick={() => remove.mutate(current.id)} aria-label={t('views.delete')} />
      )}
      {opened && (
        <Suspense fallback={null}>
          <SaveViewDialog
            open={saving}
            object={object}
            view={view}
            listKey={key}
            onClose={() => setSaving(false)}
            onSaved={(id) => {
              setSaving(false);
              onApply({ ...view, viewId: id });
            }}
          />
        </Suspense>
      )}
    </Space.Compact>
  );
}
