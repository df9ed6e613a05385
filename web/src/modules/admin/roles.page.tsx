import { PlusOutlined } from '@ant-design/icons';
import { type Locale, roleText } from '@kehu/common';
import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../engine/api.ts';
import type { RecordData } from '../../engine/records.ts';

/** Roles, each opening onto its per-object, per-operation scope grid (SEC-2). */
export default function RolesPage() {
  const { t, i18n } = useTranslation();
  const text = (r: RecordData) => roleText(r, i18n.language as Locale);
  const roles = useQuery({
    queryKey: ['records', 'role', 'all'],
    queryFn: () => api.get<{ data: RecordData[] }>('/api/objects/role?limit=500&sort=name').then((r) => r.data),
  });
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('nav.roles')}</h2>
        <Link to="/o/role/new">
          <Button type="primary" icon={<PlusOutlined />}>
            {t('admin.newRole')}
          </Button>
        </Link>
      </div>
      <Table<RecordData>
        rowKey="id"
        size="small"
        loading={roles.isLoading}
        pagination={false}
        dataSource={roles.data ?? []}
        columns={[
          {
            key: 'name',
            title: t('admin.roleName'),
            render: (_, r) => <Link to={`/o/role/${r.id}`}>{text(r).name}</Link>,
          },
          {
            key: 'description',
            title: t('admin.description'),
            ellipsis: true,
            render: (_, r) => <span data-testid="role-description">{text(r).description}</span>,
          },
          {
            key: 'admin',
            title: '',
            render: (_, r) => (r.isAdmin ? <Tag color="gold">{t('admin.isAdmin')}</Tag> : null),
          },
          {
            key: 'grants',
            title: '',
            render: (_, r) => (
              <Link to={`/admin/roles/${r.id}`} data-testid="role-grants-link">
                {t('admin.editGrants')}
              </Link>
            ),
          },
        ]}
      />
    </div>
  );
}
