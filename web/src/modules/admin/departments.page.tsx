import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../engine/api.ts';
import { can, useObject } from '../../engine/metadata.ts';
import type { RecordData } from '../../engine/records.ts';

/** Departments as a tree (head office → regions → offices → teams). */
export function buildTree(rows: RecordData[]): DataNode[] {
  const byParent = new Map<number | null, RecordData[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const p = r.parent?.id && ids.has(r.parent.id) ? r.parent.id : null;
    byParent.set(p, [...(byParent.get(p) ?? []), r]);
  }
  const walk = (p: number | null): DataNode[] =>
    (byParent.get(p) ?? []).map((r) => ({
      key: r.id,
      title: r.code ? `${r.name}（${r.code}）` : r.name,
      children: walk(r.id),
    }));
  return walk(null);
}

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const { meta } = useObject('department');
  const q = useQuery({
    queryKey: ['records', 'department', 'tree'],
    queryFn: () => api.get<{ data: RecordData[] }>('/api/objects/department?limit=500&sort=name').then((r) => r.data),
  });
  const tree = buildTree(q.data ?? []);
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('nav.departments')}</h2>
        <div className="toolbar">
          <Link to="/o/department">
            <Button>{t('admin.asList')}</Button>
          </Link>
          {can(meta, 'create') && (
            <Link to="/o/department/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('admin.newDepartment')}
              </Button>
            </Link>
          )}
        </div>
      </div>
      <Card size="small" loading={q.isLoading}>
        {tree.length ? (
          <Tree
            treeData={tree}
            defaultExpandAll
            showLine
            onSelect={(keys) => keys[0] && nav(`/o/department/${keys[0]}`)}
          />
        ) : (
          <Empty />
        )}
      </Card>
    </div>
  );
}
