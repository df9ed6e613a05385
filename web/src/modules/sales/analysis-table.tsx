import { DownloadOutlined } from '@ant-design/icons';
import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney, formatNumber } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { downloadCsv } from './csv.ts';
import type { Analysis, AnalysisRow } from './sales-api.ts';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '' : `${Math.round(x * 1000) / 10}%`);
const share = (amount: string, total: string) => (Number(total) ? Number(amount) / Number(total) : null);

/** The label of a row's key (empty keys read as "none"). */
export const rowLabel = (r: AnalysisRow, empty: string) => r.key.label ?? r.key.value ?? empty;

/** Sales per key with share, and the comparison period beside it (SAL-5); every row drills down; CSV download. */
export function AnalysisTable({ data, keyTitle }: { data: Analysis; keyTitle: string }) {
  const { t } = useTranslation();
  const compare = !!data.compare;
  const empty = t('sales.empty');
  const total = data.totals.amount;
  const change = (c: number | null | undefined) =>
    c === null || c === undefined ? (
      '–'
    ) : (
      <Typography.Text type={c < 0 ? 'danger' : 'success'}>{`${c > 0 ? '+' : ''}${pct(c)}`}</Typography.Text>
    );
  const columns: ColumnsType<AnalysisRow> = [
    {
      key: 'key',
      title: keyTitle,
      render: (_, r) =>
        r.filter ? <Link to={listUrl('opportunity', r.filter)}>{rowLabel(r, empty)}</Link> : rowLabel(r, empty),
    },
    { key: 'count', title: t('sales.analysis.count'), align: 'right', render: (_, r) => formatNumber(r.count) },
    { key: 'units', title: t('sales.analysis.units'), align: 'right', render: (_, r) => formatNumber(r.units) },
    { key: 'amount', title: t('sales.analysis.amount'), align: 'right', render: (_, r) => formatMoney(r.amount) },
    { key: 'share', title: t('sales.analysis.share'), align: 'right', render: (_, r) => pct(share(r.amount, total)) },
    ...(compare
      ? [
          {
            key: 'previous',
            title: t('sales.analysis.previous'),
            align: 'right' as const,
            render: (_: unknown, r: AnalysisRow) => formatMoney(r.previous?.amount ?? '0'),
          },
          {
            key: 'change',
            title: t('sales.analysis.change'),
            align: 'right' as const,
            render: (_: unknown, r: AnalysisRow) => change(r.change),
          },
        ]
      : []),
  ];
  const exportCsv = () => {
    const head = [keyTitle, t('sales.analysis.count'), t('sales.analysis.units'), t('sales.analysis.amount')];
    if (compare) head.push(t('sales.analysis.previous'), t('sales.analysis.change'));
    const line = (label: string, r: Omit<AnalysisRow, 'key' | 'filter'>) => [
      label,
      r.count,
      r.units,
      r.amount,
      ...(compare ? [r.previous?.amount ?? '0', pct(r.change)] : []),
    ];
    downloadCsv(`sales-${data.by}-${data.range.from}-${data.range.to}.csv`, [
      head,
      ...data.rows.map((r) => line(rowLabel(r, empty), r)),
      line(t('sales.total'), data.totals),
    ]);
  };
  return (
    <Table<AnalysisRow>
      size="small"
      data-testid="analysis-table"
      rowKey={(r) => r.key.value ?? '∅'}
      pagination={data.rows.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 'max-content' }}
      dataSource={data.rows}
      columns={columns}
      title={() => (
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Typography.Text type="secondary">
            {compare && data.previousRange
              ? t('sales.analysis.comparedWith', data.previousRange)
              : t('sales.analysis.range', data.range)}
          </Typography.Text>
          <Button size="small" icon={<DownloadOutlined />} onClick={exportCsv} data-testid="analysis-export">
            {t('sales.analysis.export')}
          </Button>
        </div>
      )}
      summary={() =>
        data.rows.length > 0 && (
          <Table.Summary.Row className="group-total">
            <Table.Summary.Cell index={0}>
              {data.totals.filter ? (
                <Link to={listUrl('opportunity', data.totals.filter)}>{t('sales.total')}</Link>
              ) : (
                t('sales.total')
              )}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {formatNumber(data.totals.count)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {formatNumber(data.totals.units)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <span data-testid="analysis-total">{formatMoney(total)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {data.rows.length ? '100%' : ''}
            </Table.Summary.Cell>
            {compare && (
              <>
                <Table.Summary.Cell index={5} align="right">
                  {formatMoney(data.totals.previous?.amount ?? '0')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {change(data.totals.change)}
                </Table.Summary.Cell>
              </>
            )}
          </Table.Summary.Row>
        )
      }
    />
  );
}
