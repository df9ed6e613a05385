import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../engine/api.ts';
import type { RecordExtensionProps } from '../../engine/extensions.ts';
import { fieldOf, useLabel, useObject } from '../../engine/metadata.ts';

export interface OrgNode {
  id: number;
  name?: string;
  title?: string;
  department?: string;
  decisionRole?: string;
  children: OrgNode[];
}

interface OrgChart {
  roots: OrgNode[];
  count: number;
  truncated: boolean;
}

/** Colours of the decision roles when the field's options carry none: the decision maker stands out. */
export const roleColors: Record<string, string> = {
  decisionMaker: 'red',
  influencer: 'orange',
  user: 'blue',
  purchaser: 'green',
  technical: 'purple',
};

function NodeTitle({ node, roleTag }: { node: OrgNode; roleTag: (v: string) => React.ReactNode }) {
  const sub = [node.title, node.department].filter(Boolean).join(' · ');
  return (
    <Space size={[6, 0]} wrap data-testid="org-node">
      <Link to={`/o/contact/${node.id}`}>{node.name || `#${node.id}`}</Link>
      {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      {node.decisionRole && roleTag(node.decisionRole)}
    </Space>
  );
}

/** 组织架构 tab of a customer (CUS-10): its contacts as a reports-to tree, each linking to the contact. */
export default function OrgChartTab({ record }: RecordExtensionProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { meta } = useObject('contact');
  const options = meta ? (fieldOf(meta, 'decisionRole')?.options ?? []) : [];
  const q = useQuery({
    queryKey: ['records', 'contact', 'org-chart', record.id],
    queryFn: () => api.get<{ data: OrgChart }>(`/api/customers/${record.id}/org-chart`).then((r) => r.data),
  });
  const roleTag = (v: string) => {
    const o = options.find((x) => x.value === v);
    return <Tag color={o?.color ?? roleColors[v]}>{o ? label(o.label) : v}</Tag>;
  };
  const toData = (n: OrgNode): DataNode => ({
    key: n.id,
    title: <NodeTitle node={n} roleTag={roleTag} />,
    children: n.children.map(toData),
  });
  if (q.error) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  if (q.isLoading || !q.data) return <Spin />;
  if (q.data.roots.length === 0) return <Empty description={t('customers.contacts.orgChartEmpty')} />;
  return (
    <div data-testid="org-chart" style={{ overflowX: 'auto' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('customers.contacts.orgChartCount', { n: q.data.count })}
      </Typography.Paragraph>
      {q.data.truncated && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('customers.contacts.orgChartTruncated', { n: q.data.count })}
        />
      )}
      <Tree treeData={q.data.roots.map(toData)} defaultExpandAll showLine blockNode selectable={false} />
    </div>
  );
}
