import { Progress, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { type Figure, type ForecastRow, type Scenario, scenarios } from './sales-api.ts';

/** Expected result (won + normal) against tier 1 of the target, as a percentage; null without a target. */
export function achievement(r: ForecastRow): number | null {
  const target = Number(r.target?.tier1 ?? 0);
  return target > 0 ? Math.round((Number(r.expected.normal) / target) * 1000) / 10 : null;
}

/** An amount that opens its opportunities in the list. */
export function FigureLink({ f, testId }: { f: Figure; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={listUrl('opportunity', f.filter)} data-testid={testId} title={t('sales.forecast.drill', { n: f.count })}>
      <span className="num">{formatMoney(f.amount)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{` (${f.count})`}</Typography.Text>
    </Link>
  );
}

/** The forecast per owner, department or product, beside each one's target (SAL-4). */
export function ForecastTable({
  rows,
  totals,
  keyTitle,
}: {
  rows: ForecastRow[];
  totals: ForecastRow;
  keyTitle: string;
}) {
  const { t } = useTranslation();
  const money = (v: string | null | undefined) => (v ? formatMoney(v) : '–');
  const columns: ColumnsType<ForecastRow> = [
    {
      key: 'key',
      title: keyTitle,
      fixed: 'left',
      render: (_, r) => r.key?.label ?? <Typography.Text type="secondary">{t('sales.empty')}</Typography.Text>,
    },
    {
      key: 'target',
      title: t('sales.forecast.target'),
      align: 'right',
      render: (_, r) => (
        <span className="num">
          {money(r.target?.tier1)}
          {r.target?.prorated && (
            <Typography.Text type="secondary">{` ${t('sales.forecast.prorated')}`}</Typography.Text>
          )}
        </span>
      ),
    },
    ...scenarios.map((s: Scenario) => ({
      key: s,
      title: t(`sales.forecast.${s}`),
      align: 'right' as const,
      render: (_: unknown, r: ForecastRow) => <FigureLink f={r[s]} />,
    })),
    {
      key: 'expected',
      title: t('sales.forecast.expected'),
      align: 'right',
      render: (_, r) => <span className="num">{money(r.expected.normal)}</span>,
    },
    {
      key: 'achievement',
      title: t('sales.forecast.achievement'),
      width: 140,
      render: (_, r) => {
        const a = achievement(r);
        return a === null ? '–' : <Progress percent={Math.min(a, 100)} format={() => `${a}%`} size="small" />;
      },
    },
  ];
  return (
    <Table<ForecastRow>
      size="small"
      data-testid="forecast-table"
      rowKey={(r) => String(r.key?.id ?? '∅')}
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={columns}
      summary={() =>
        rows.length > 0 && (
          <Table.Summary.Row className="group-total">
            <Table.Summary.Cell index={0}>{t('sales.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {money(totals.target?.tier1)}
            </Table.Summary.Cell>
            {scenarios.map((s, i) => (
              <Table.Summary.Cell key={s} index={i + 2} align="right">
                <FigureLink f={totals[s]} />
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={6} align="right">
              {money(totals.expected.normal)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7}>
              {achievement(totals) === null ? '–' : `${achievement(totals)}%`}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
    />
  );
}
