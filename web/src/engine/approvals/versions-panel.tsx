import { DownloadOutlined } from '@ant-design/icons';
import { Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDatetime } from '../format.ts';
import type { FlowTree } from './flow-types.ts';
import { bpmnUrl, useFlowVersions } from './flows-api.ts';
import { diffTrees } from './tree-diff.ts';

const kindClass = { added: 'flow-diff-added', removed: 'flow-diff-removed', changed: 'flow-diff-changed' };

/** Published versions (running instances keep theirs), each as BPMN 2.0, and what changed between two of them. */
export function VersionsPanel({ flowId, draft }: { flowId: number; draft: FlowTree }) {
  const { t } = useTranslation();
  const versions = useFlowVersions(flowId);
  const list = versions.data ?? [];
  const [pair, setPair] = useState<[string?, string?]>([]);
  // At first: what publishing the draft would change, against the version in use.
  const from = pair[0] ?? (list[0] ? String(list[0].version) : undefined);
  const to = pair[1] ?? 'draft';
  const treeOf = (k?: string) => (k === 'draft' ? draft : list.find((v) => String(v.version) === k)?.tree);
  const a = treeOf(from);
  const b = treeOf(to);
  const diff = a && b ? diffTrees(a, b) : [];
  const choices = [
    { value: 'draft', label: t('approvals.designer.versions.draft') },
    ...list.map((v) => ({
      value: String(v.version),
      label: t('approvals.designer.versions.version', { n: v.version }),
    })),
  ];
  if (!versions.isLoading && list.length === 0) return <Empty description={t('approvals.designer.versions.none')} />;
  return (
    <div data-testid="flow-versions">
      <Table
        size="small"
        rowKey="version"
        loading={versions.isLoading}
        dataSource={list}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            key: 'v',
            title: t('approvals.designer.versions.title'),
            render: (_, v) => t('approvals.designer.versions.version', { n: v.version }),
          },
          {
            key: 'at',
            title: t('approvals.designer.versions.publishedAt'),
            render: (_, v) => formatDatetime(v.publishedAt),
          },
          { key: 'by', title: t('approvals.designer.versions.publishedBy'), dataIndex: 'publishedBy' },
          { key: 'n', title: t('approvals.designer.versions.instances'), dataIndex: 'instances' },
          {
            key: 'bpmn',
            title: 'BPMN',
            render: (_, v) => (
              <a href={bpmnUrl(flowId, v.version)} download>
                <DownloadOutlined /> {t('approvals.designer.bpmn')}
              </a>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('approvals.designer.versions.compare')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          style={{ width: 140 }}
          value={from}
          onChange={(v) => setPair([v, to])}
          options={choices}
          data-testid="diff-from"
        />
        <span>→</span>
        <Select
          style={{ width: 140 }}
          value={to}
          onChange={(v) => setPair([from, v])}
          options={choices}
          data-testid="diff-to"
        />
      </Space>
      {a && b && (
        <List
          size="small"
          bordered
          data-testid="flow-diff"
          locale={{ emptyText: t('approvals.designer.versions.same') }}
          dataSource={diff}
          renderItem={(d) => (
            <List.Item>
              <Space wrap size={6}>
                <Tag className={kindClass[d.kind]}>{t(`approvals.designer.diff.${d.kind}`)}</Tag>
                <span>
                  {d.what === 'flow'
                    ? t('approvals.designer.diff.flow')
                    : `${t(`approvals.designer.diff.what.${d.what}`)}「${d.name}」`}
                </span>
                {d.changes.length > 0 && (
                  <Typography.Text type="secondary">
                    {d.changes.map((c) => t(`approvals.designer.diff.change.${c}`)).join('、')}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
