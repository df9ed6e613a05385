import type { Filter, Metric, RollupNode, Tiers } from '@kehu/common';
import { Progress, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney, formatNumber } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';

type Row = Omit<RollupNode, 'children'> & { key: string; children?: Row[] };

const keyed = (n: RollupNode, path: string): Row => {
  const key = `${path}/${n.type}:${n.subject?.id ?? ''}`;
  return { ...n, key, children: n.children.length ? n.children.map((c) => keyed(c, key)) : undefined };
};

const salespeople = (n: Row): number[] =>
  n.type === 'salesperson' && n.subject ? [n.subject.id] : (n.children ?? []).flatMap(salespeople);

/** The won opportunities an actual is made of (the won-opportunities source; scope applies in the list too). */
function actualFilter(n: Row, range: { from: string; to: string }): Filter | undefined {
  const won: Filter[] = [
    { field: 'status', op: 'eq', value: 'won' },
    { field: 'closedOn', op: 'between', value: [range.from, range.to] },
  ];
  if (n.type === 'dealer' && n.subject)
    return {
      and: [
        ...won,
        {
          or: [
            { field: 'dealer', op: 'eq', value: n.subject.id },
            { field: 'customer', op: 'eq', value: n.subject.id },
          ],
        },
      ],
    };
  const ids = salespeople(n);
  return ids.length ? { and: [...won, { field: 'owner', op: 'in', value: ids }] } : undefined;
}

const tierColors = ['default', 'blue', 'green', 'gold'];

/** The roll-up tree company → region → office/dealer → salesperson (DLR-5) with tiers, achievement and commission. */
export function TargetsTable({
  roots,
  metric,
  range,
  loading,
}: {
  roots: RollupNode[];
  metric: Metric;
  range: { from: string; to: string };
  loading: boolean;
}) {
  const { t } = useTranslation();
  const value = (v: string | null | undefined) =>
    v === null || v === undefined ? '–' : metric === 'units' ? formatNumber(Number(v)) : formatMoney(v);
  const tier = (k: keyof Pick<Tiers, 'tier1' | 'tier2' | 'tier3'>) => ({
    key: k,
    title: t(`sales.targets.${k}`),
    align: 'right' as const,
    render: (_: unknown, r: Row) =>
      r.target ? (
        <span className="num">{value(r.target[k])}</span>
      ) : r.childTarget?.[k] ? (
        <Typography.Text type="secondary" className="num" title={t('sales.targets.rolledUp')}>
          {`Σ ${value(r.childTarget[k])}`}
        </Typography.Text>
      ) : (
        '–'
      ),
  });
  const columns: ColumnsType<Row> = [
    {
      key: 'subject',
      title: t('sales.targets.subject'),
      render: (_, r) => (
        <span data-testid="rollup-subject">
          <Tag>{t(`sales.targets.level.${r.level}`)}</Tag>
          {r.subject?.label ?? t('sales.empty')}
        </span>
      ),
    },
    tier('tier1'),
    tier('tier2'),
    tier('tier3'),
    {
      key: 'actual',
      title: t('sales.targets.actual'),
      align: 'right',
      render: (_, r) => {
        const f = actualFilter(r, range);
        if (r.actual === null) return '–';
        return f ? <Link to={listUrl('opportunity', f)}>{value(r.actual)}</Link> : value(r.actual);
      },
    },
    {
      key: 'achievement',
      title: t('sales.targets.achievement'),
      width: 150,
      render: (_, r) => {
        if (r.achievement === null) return '–';
        const pct = Math.round(r.achievement * 1000) / 10;
        return <Progress size="small" percent={Math.min(pct, 100)} format={() => `${pct}%`} />;
      },
    },
    {
      key: 'tier',
      title: t('sales.targets.tierReached'),
      render: (_, r) => (
        <Tag color={tierColors[r.tierReached]} data-testid="tier-reached">
          {r.tierReached ? t('sales.targets.tierN', { n: r.tierReached }) : t('sales.targets.noTier')}
        </Tag>
      ),
    },
    {
      key: 'commission',
      title: t('sales.targets.commission'),
      align: 'right',
      render: (_, r) =>
        r.commission === null ? '–' : `${formatMoney(r.commission)} (${formatNumber(r.commissionRate ?? 0)}%)`,
    },
  ];
  return (
    <Table<Row>
      size="small"
      data-testid="targets-table"
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      expandable={{ defaultExpandAllRows: true }}
      dataSource={roots.map((r) => keyed(r, ''))}
      columns={columns}
    />
  );
}
