import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney, formatNumber } from '../../engine/format.ts';
import type { StatsRow } from './stats-data.ts';
import type { StatsMeasure } from './stats-measures.ts';
import { keyId, share } from './stats-model.ts';

interface Props {
  rows: StatsRow[];
  total: number;
  loading: boolean;
  groupTitle: string;
  label(key: unknown): string;
  /** The customer list of one group. */
  linkOf(row: StatsRow): string;
  measures: StatsMeasure[];
}

/** The same figures as the chart: group, customers, share (and measures), each group linked to its customers. */
export function StatsTable({ rows, total, loading, groupTitle, label, linkOf, measures }: Props) {
  const { t } = useTranslation();
  const fmt = (m: StatsMeasure, v: unknown) => (m.money ? formatMoney(v) : formatNumber(v));
  return (
    <Table<StatsRow>
      size="small"
      data-testid="stats-table"
      rowKey={(r) => keyId(r.key) || '∅'}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        {
          key: 'group',
          title: groupTitle,
          render: (_, r) => (
            <Link to={linkOf(r)}>
              {r.key === null || r.key === undefined ? (
                <Typography.Text type="secondary">{label(r.key)}</Typography.Text>
              ) : (
                label(r.key)
              )}
            </Link>
          ),
        },
        { key: 'count', title: t('customers.stats.count'), align: 'right', render: (_, r) => formatNumber(r.count) },
        {
          key: 'share',
          title: t('customers.stats.share'),
          align: 'right',
          render: (_, r) => `${share(r.count, total)}%`,
        },
        ...measures.map((m) => ({
          key: m.key,
          title: t(m.labelKey),
          align: 'right' as const,
          render: (_: unknown, r: StatsRow) => fmt(m, r.measures[m.key] ?? 0),
        })),
      ]}
      summary={() =>
        rows.length > 0 && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('customers.stats.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong data-testid="stats-total">{formatNumber(total)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              100%
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
    />
  );
}
