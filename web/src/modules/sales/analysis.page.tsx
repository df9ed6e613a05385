import { type AnalysisKey, analysisKeys, timeKeys } from '@kehu/common';
import { Alert, Card, DatePicker, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { type ChartOption, EChart } from '../../engine/charts/echart.tsx';
import { formatCompact } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { AbcCard } from './abc-card.tsx';
import { AnalysisTable, rowLabel } from './analysis-table.tsx';
import { type Analysis, useAnalysis } from './sales-api.ts';
import { SalesFilters, salesParams, useSalesFilters } from './sales-filters.tsx';

const compares = ['none', 'previous', 'yearAgo'] as const;
const day = /^\d{4}-\d{2}-\d{2}$/;

function chartOf(d: Analysis, t: (k: string) => string, empty: string, axis: (v: number) => string): ChartOption {
  const time = timeKeys.has(d.by);
  const rows = time ? d.rows : d.rows.slice(0, 20);
  const names = rows.map((r) => rowLabel(r, empty));
  const category = { type: 'category', data: names, axisLabel: { hideOverlap: true } };
  const value = { type: 'value', axisLabel: { formatter: axis, hideOverlap: true } };
  const series = [
    { type: 'bar', name: t('sales.analysis.amount'), data: rows.map((r) => Number(r.amount)), barMaxWidth: 28 },
    ...(d.compare
      ? [
          {
            type: 'bar',
            name: t(`sales.analysis.compare.${d.compare}`),
            data: rows.map((r) => Number(r.previous?.amount ?? 0)),
            barMaxWidth: 28,
          },
        ]
      : []),
  ];
  return {
    color: ['#1677ff', '#bfbfbf'],
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    xAxis: time ? category : value,
    yAxis: time ? value : { ...category, inverse: true },
    series,
  };
}

/** 销售分析 (SAL-5): won sales by period, customer, product, salesperson, region or dealer; comparison; ABC. */
export default function AnalysisPage() {
  const { t, i18n } = useTranslation();
  const nav = useNavigate();
  const [params, setParams] = useSearchParams();
  const by = (analysisKeys as readonly string[]).includes(params.get('by') ?? '')
    ? (params.get('by') as AnalysisKey)
    : 'month';
  const compare = (compares as readonly string[]).includes(params.get('compare') ?? '')
    ? (params.get('compare') as (typeof compares)[number])
    : 'none';
  const from = day.test(params.get('from') ?? '') ? params.get('from')! : dayjs().startOf('year').format('YYYY-MM-DD');
  const to = day.test(params.get('to') ?? '') ? params.get('to')! : dayjs().endOf('year').format('YYYY-MM-DD');
  const set = (p: Record<string, string>) => setParams({ by, compare, from, to, ...p }, { replace: true });
  const [filters, setFilters] = useSalesFilters();
  const sp = salesParams(filters);
  const analysis = useAnalysis({ by, from, to, compare: compare === 'none' ? undefined : compare, ...sp });
  const d = analysis.data;
  const empty = t('sales.empty');
  const option = useMemo(
    () => d && chartOf(d, t, empty, (v) => formatCompact(v, i18n.language)),
    [d, t, empty, i18n.language],
  );
  const month = (v: string) => dayjs(v);
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('sales.analysis.title')}</h2>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          value={[month(from), month(to)]}
          onChange={(v) =>
            v?.[0] &&
            v[1] &&
            set({ from: v[0].startOf('month').format('YYYY-MM-DD'), to: v[1].endOf('month').format('YYYY-MM-DD') })
          }
          presets={[
            { label: t('sales.analysis.thisYear'), value: [dayjs().startOf('year'), dayjs().endOf('year')] },
            {
              label: t('sales.analysis.lastYear'),
              value: [dayjs().subtract(1, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')],
            },
            {
              label: t('sales.analysis.last12'),
              value: [dayjs().subtract(11, 'month').startOf('month'), dayjs().endOf('month')],
            },
            {
              label: t('sales.analysis.last3Years'),
              value: [dayjs().subtract(2, 'year').startOf('year'), dayjs().endOf('year')],
            },
          ]}
        />
      </div>
      <div style={{ marginBottom: 12 }}>
        <SalesFilters value={filters} onChange={setFilters}>
          <Select
            aria-label={t('sales.analysis.groupBy')}
            data-testid="analysis-by"
            value={by}
            style={{ minWidth: 120 }}
            onChange={(v: string) => set({ by: v })}
            options={analysisKeys.map((k) => ({ value: k, label: t(`sales.analysis.by.${k}`) }))}
          />
          <Segmented
            value={compare}
            onChange={(v) => set({ compare: String(v) })}
            options={compares.map((c) => ({ value: c, label: t(`sales.analysis.compare.${c}`) }))}
          />
        </SalesFilters>
      </div>
      {analysis.error && <Alert type="error" showIcon title={(analysis.error as Error).message} />}
      {analysis.isLoading ? (
        <Loading />
      ) : (
        d && (
          <>
            {option && d.rows.length > 0 && (
              <Card size="small" style={{ marginBottom: 12 }}>
                <EChart
                  option={option}
                  height={timeKeys.has(by) ? 300 : Math.max(200, Math.min(d.rows.length, 20) * 28 + 60)}
                  onClick={(p) => {
                    const r = (timeKeys.has(by) ? d.rows : d.rows.slice(0, 20))[p.dataIndex];
                    if (r?.filter) nav(listUrl('opportunity', r.filter));
                  }}
                />
              </Card>
            )}
            <div style={{ marginBottom: 12 }}>
              <AnalysisTable data={d} keyTitle={t(`sales.analysis.by.${by}`)} />
            </div>
          </>
        )
      )}
      <AbcCard range={[from, to]} params={sp} />
    </div>
  );
}
