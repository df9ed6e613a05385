import { UnorderedListOutlined } from '@ant-design/icons';
import { labelText } from '@kehu/common';
import { Alert, Button, Card, Empty, Segmented, Select, Space, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { useIsMobile } from '../../app/use-mobile.ts';
import { type ChartOption, EChart } from '../../engine/charts/echart.tsx';
import { formatMoney } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { fieldOf, useObject } from '../../engine/metadata.ts';
import type { GroupRow } from '../../engine/records.ts';
import {
  dimensions,
  keyFilter,
  keyText,
  type Period,
  periods,
  type StatusSet,
  statsFilter,
  statusSets,
  useExpenseStats,
} from './expense-stats-data.ts';

const pick = <T extends string>(v: string | null, list: readonly T[], fallback: T): T =>
  list.includes(v as T) ? (v as T) : fallback;

/**
 * 费用统计 (TEAM-6): expenses summed per person, department, category, month or customer over a period, as a bar
 * chart and a table; a bar or a row opens the expenses behind it.
 */
export default function ExpenseStatsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const nav = useNavigate();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const dim = pick(params.get('by'), dimensions, 'owner');
  const period = pick(params.get('period'), periods, 'thisMonth') as Period;
  const status = pick(params.get('status'), Object.keys(statusSets) as StatusSet[], 'all');
  const set = (p: Record<string, string>) => setParams({ by: dim, period, status, ...p }, { replace: true });
  const { meta } = useObject('expense');
  const filter = statsFilter(period, status);
  const stats = useExpenseStats(dim, filter);
  const options = (meta && fieldOf(meta, 'category')?.options) ?? [];
  const text = (key: unknown) => keyText(dim, key, options, (o) => labelText(o.label, locale), t);
  const rows = stats.data?.data ?? [];
  const total = String(stats.data?.totals['sum:amount'] ?? '0');
  const open = (r: GroupRow) => {
    const f = keyFilter(dim, r.key[dim]);
    nav(listUrl('expense', filter ? { and: [filter, f] } : f));
  };
  const vertical = dim === 'date:month';
  // biome-ignore lint/correctness/useExhaustiveDependencies: `text` follows dim and locale
  const option = useMemo<ChartOption>(() => {
    const names = rows.map((r) => text(r.key[dim]));
    const category = {
      type: 'category',
      data: vertical ? names : [...names].reverse(),
      axisLabel: { hideOverlap: true },
    };
    const values = rows.map((r) => Number(r['sum:amount'] ?? 0));
    return {
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: vertical ? category : { type: 'value' },
      yAxis: vertical ? { type: 'value' } : category,
      series: [
        {
          type: 'bar',
          name: t('team.expenses.amount'),
          data: vertical ? values : [...values].reverse(),
          barMaxWidth: 28,
        },
      ],
    };
  }, [rows, dim, vertical, locale]);
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('team.expenses.title')}</h2>
        <Link to="/o/expense">
          <Button icon={<UnorderedListOutlined />}>{t('team.expenses.list')}</Button>
        </Link>
      </div>
      <div className="toolbar" style={{ marginBottom: 12 }}>
        <Segmented
          value={dim}
          onChange={(v) => set({ by: String(v) })}
          options={dimensions.map((d) => ({ value: d, label: t(`team.expenses.by.${d.replace(/[.:]/g, '_')}`) }))}
          data-testid="expense-dimension"
        />
        <Select
          value={period}
          style={{ width: 120 }}
          onChange={(v) => set({ period: v })}
          options={periods.map((p) => ({
            value: p,
            label: p === 'all' ? t('team.expenses.allTime') : t(`period.${p}`),
          }))}
        />
        <Select
          value={status}
          style={{ width: 140 }}
          onChange={(v) => set({ status: v })}
          options={Object.keys(statusSets).map((s) => ({ value: s, label: t(`team.expenses.status.${s}`) }))}
        />
      </div>
      {stats.error && <Alert type="error" showIcon title={(stats.error as Error).message} />}
      {stats.isLoading ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty description={t('team.expenses.none')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Card size="small">
            <Space size={32} wrap>
              <Statistic title={t('team.expenses.total')} value={formatMoney(total)} />
              <Statistic title={t('team.expenses.count')} value={Number(stats.data?.totals.count ?? 0)} />
            </Space>
            <EChart
              option={option}
              height={vertical ? 280 : Math.max(200, Math.min(rows.length, 30) * 28 + 40)}
              onClick={(p) => open(vertical ? rows[p.dataIndex] : rows[rows.length - 1 - p.dataIndex])}
            />
          </Card>
          <Table<GroupRow>
            size="small"
            rowKey={(r) => JSON.stringify(r.key)}
            dataSource={rows}
            pagination={false}
            data-testid="expense-stats-table"
            onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
            columns={[
              {
                key: 'key',
                title: t(`team.expenses.by.${dim.replace(/[.:]/g, '_')}`),
                render: (_, r) => text(r.key[dim]),
              },
              { key: 'count', title: t('team.expenses.count'), dataIndex: 'count', align: 'right' },
              {
                key: 'sum',
                title: t('team.expenses.amount'),
                align: 'right',
                render: (_, r) => <span className="num">{formatMoney(r['sum:amount'])}</span>,
              },
              ...(mobile
                ? []
                : [
                    {
                      key: 'share',
                      title: t('team.expenses.share'),
                      align: 'right' as const,
                      render: (_: unknown, r: GroupRow) =>
                        Number(total) > 0 ? `${((Number(r['sum:amount']) / Number(total)) * 100).toFixed(1)}%` : '-',
                    },
                  ]),
            ]}
          />
        </Space>
      )}
    </div>
  );
}
