import { type Grants, type Locale, type Operation, operations, roleText, type Scope, scopes } from '@kehu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { api } from '../../engine/api.ts';
import { useLabel, useObjects } from '../../engine/metadata.ts';
import { useRecord } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';

/** The scope grid of one role: rows are objects (and "all objects"), columns are operations (SEC-2). */
export default function RoleGrantsPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const role = useRecord('role', id);
  const objects = useObjects().data ?? [];
  const [grants, setGrants] = useState<Grants>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (role.data) setGrants((role.data.grants as Grants) ?? {});
  }, [role.data]);
  if (role.isLoading) return <Loading />;
  if (!role.data) return <Alert type="warning" showIcon title={t('error.notFound')} style={{ margin: 16 }} />;
  const rows = [
    { name: '*', title: t('admin.allObjects') },
    ...objects.map((o) => ({ name: o.name, title: label(o.label) })),
  ];
  const set = (object: string, op: Operation, scope: Scope | undefined) => {
    const next = { ...grants, [object]: { ...(grants[object] ?? {}) } };
    if (scope) next[object][op] = scope;
    else delete next[object][op];
    if (Object.keys(next[object]).length === 0) delete next[object];
    setGrants(next);
  };
  const save = async () => {
    setBusy(true);
    try {
      await api.patch(`/api/objects/role/${id}`, { grants, version: role.data!.version });
      await qc.invalidateQueries({ queryKey: ['records', 'role'] });
      message.success(t('form.saved'));
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('admin.grantsOf', { name: roleText(role.data, i18n.language as Locale).name })}</h2>
        <Space>
          <Button type="primary" loading={busy} onClick={save} data-testid="save-grants">
            {t('common.save')}
          </Button>
        </Space>
      </div>
      {role.data.isAdmin && <Alert type="info" showIcon title={t('admin.adminHasAll')} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        scroll={{ x: 1100 }}
        dataSource={rows}
        columns={[
          { key: 'object', title: t('admin.object'), fixed: 'left', width: 140, render: (_, r) => r.title },
          ...operations.map((op) => ({
            key: op,
            title: t(`operation.${op}`),
            width: 130,
            render: (_: unknown, r: { name: string }) => (
              <Select<Scope>
                size="small"
                allowClear
                style={{ width: 120 }}
                placeholder={r.name === '*' ? t('scope.none') : t('admin.inherit')}
                value={grants[r.name]?.[op]}
                onChange={(s) => set(r.name, op, s)}
                options={scopes.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
              />
            ),
          })),
        ]}
      />
    </div>
  );
}
