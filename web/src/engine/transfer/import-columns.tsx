import { Form, Radio, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectMeta } from '../metadata.ts';
import { useLabel } from '../metadata.ts';
import type { DuplicatePolicy, Preview } from './import-api.ts';

export interface DuplicateChoice {
  /** A matcher or field name; undefined: no duplicate check. */
  matchOn?: string;
  policy: DuplicatePolicy;
}

interface Props {
  meta: ObjectMeta;
  preview: Preview;
  mapping: Record<string, string | null>;
  onMapping: (m: Record<string, string | null>) => void;
  dup: DuplicateChoice;
  onDup: (d: DuplicateChoice) => void;
  mode: 'all' | 'validRows';
  onMode: (m: 'all' | 'validRows') => void;
}

/** The column-mapping step: each column of the file to a field (or left out), how duplicates and errors are handled. */
export function ImportColumns({ meta, preview, mapping, onMapping, dup, onDup, mode, onMode }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <>
      <Table
        size="small"
        rowKey="header"
        pagination={false}
        scroll={{ x: true }}
        data-testid="column-mapping"
        dataSource={preview.headers
          .map((header, i) => ({
            header,
            sample: preview.rows
              .slice(0, 3)
              .map((r) => r[i])
              .join(' / '),
          }))
          .filter((r) => r.header !== '')}
        columns={[
          { key: 'h', title: t('import.column'), dataIndex: 'header' },
          { key: 's', title: t('import.sample'), dataIndex: 'sample', ellipsis: true },
          {
            key: 'f',
            title: t('import.field'),
            render: (_, r) => (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 150 }}
                aria-label={r.header}
                placeholder={t('import.skipColumn')}
                value={mapping[r.header] ?? undefined}
                onChange={(v) => onMapping({ ...mapping, [r.header]: v ?? null })}
                options={preview.fields.map((f) => ({
                  value: f.name,
                  label: f.required ? `${f.label} *` : f.label,
                }))}
              />
            ),
          },
        ]}
      />
      <Form layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item label={t('import.matchOn')}>
          <Space wrap>
            <Select
              allowClear
              style={{ minWidth: 160 }}
              placeholder={t('import.noMatching')}
              value={dup.matchOn}
              onChange={(m) => onDup({ ...dup, matchOn: m })}
              options={[
                ...(preview.matchers ?? []).map((m) => ({ value: m.name, label: m.label })),
                ...preview.matchable.map((m) => ({
                  value: m,
                  label: label(meta.fields.find((f) => f.name === m)?.label, m),
                })),
              ]}
            />
            <Radio.Group
              value={dup.policy}
              disabled={!dup.matchOn}
              onChange={(e) => onDup({ ...dup, policy: e.target.value })}
              options={(['skip', 'update', 'create'] as const).map((p) => ({
                value: p,
                label: t(`import.policy.${p}`),
              }))}
            />
          </Space>
        </Form.Item>
        <Form.Item label={t('import.mode')}>
          <Radio.Group
            value={mode}
            onChange={(e) => onMode(e.target.value)}
            options={[
              { value: 'all', label: t('import.modeAll') },
              { value: 'validRows', label: t('import.modeValid') },
            ]}
          />
        </Form.Item>
      </Form>
    </>
  );
}
