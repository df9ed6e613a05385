import { Alert, Card, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ValueColumn, ValueMapping } from './import-api.ts';

interface Props {
  columns: ValueColumn[] | undefined;
  values: ValueMapping;
  onValues: (v: ValueMapping) => void;
}

/**
 * The value-mapping step: each value of a mapped picklist (or relation) column that matches no option is mapped to
 * one — the server's suggestion (by similarity and pinyin) is preselected — or left unmapped, so its rows fail.
 */
export function ImportValues({ columns, values, onValues }: Props) {
  const { t } = useTranslation();
  if (!columns) return <Alert type="info" showIcon title={t('import.valuesChecking')} />;
  if (columns.length === 0) return <Alert type="success" showIcon title={t('import.valuesNone')} />;
  const set = (header: string, text: string, to: string | null) =>
    onValues({ ...values, [header]: { ...values[header], [text]: to } });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="value-mapping">
      <Alert type="info" showIcon title={t('import.valuesIntro')} />
      {columns.map((c) => (
        <Card
          key={c.header}
          size="small"
          title={c.header === c.fieldLabel ? c.header : `${c.header} → ${c.fieldLabel}`}
          data-testid="value-column"
        >
          {c.truncated && <Alert type="warning" title={t('import.valuesTruncated')} style={{ marginBottom: 8 }} />}
          <Table
            size="small"
            rowKey="text"
            pagination={c.values.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: true }}
            dataSource={c.values}
            columns={[
              {
                key: 'text',
                title: t('import.value'),
                render: (_, v) => (
                  <Space size={4} wrap>
                    <span>{v.text}</span>
                    {v.ambiguous && <Tag color="orange">{t('import.ambiguousName')}</Tag>}
                    {v.suggestion !== null && values[c.header]?.[v.text] === v.suggestion && (
                      <Tag color="blue">{t('import.suggested')}</Tag>
                    )}
                  </Space>
                ),
              },
              { key: 'count', title: t('import.count'), dataIndex: 'count', width: 70 },
              {
                key: 'to',
                title: t('import.mapTo'),
                render: (_, v) => (
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    style={{ minWidth: 150, width: '100%' }}
                    aria-label={`${c.header} ${v.text}`}
                    placeholder={t('import.leaveUnmapped')}
                    value={values[c.header]?.[v.text] ?? undefined}
                    onChange={(to) => set(c.header, v.text, to ?? null)}
                    options={c.options ?? v.candidates ?? []}
                  />
                ),
              },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}

/** The value mapping to start from: what the user chose before for a text, else the server's suggestion. */
export function initialValues(columns: ValueColumn[], before: ValueMapping): ValueMapping {
  const out: ValueMapping = { ...before };
  for (const c of columns) {
    const mine = { ...before[c.header] };
    for (const v of c.values) if (!Object.hasOwn(mine, v.text)) mine[v.text] = v.suggestion;
    out[c.header] = mine;
  }
  return out;
}
