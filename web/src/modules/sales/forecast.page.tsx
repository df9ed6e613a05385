import { type ForecastGroup, forecastGroups } from '@kehu/common';
import { Alert, Card, Col, Row, Segmented, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { type ChartOption, EChart } from '../../engine/charts/echart.tsx';
import { formatCompact } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { ForecastTable } from './forecast-table.tsx';
import { parsePeriod, periodOf } from './period.ts';
import { PeriodPicker } from './period-picker.tsx';
import { type ForecastRow, scenarios, useForecast } from './sales-api.ts';
import { SalesFilters, salesParams, useSalesFilters } from './sales-filters.tsx';

/** 销售预测 (SAL-4): pessimistic, normal and optimistic beside what is won and the target; every figure drills down. */
export default function ForecastPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = parsePeriod(params.get('period') ?? '') ? params.get('period')! : periodOf('quarter', dayjs());
  const by = (forecastGroups as readonly string[]).includes(params.get('by') ?? '')
    ? (params.get('by') as ForecastGroup)
    : 'none';
  const set = (p: Record<string, string>) => setParams({ period, by, ...p }, { replace: true });
  const [filters, setFilters] = useSalesFilters();
  const forecast = useForecast({ period, groupBy: by, ...salesParams(filters) });
  const f = forecast.data;
  const money = (v: string) => formatCompact(v, i18n.language, '¥');
  const chart = useMemo<ChartOption | undefined>(
    () => f && chartOf(f.rows.length ? f.rows : [f.totals], t, (v) => formatCompact(v, i18n.language)),
    [f, t, i18n.language],
  );
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('sales.forecast.title')}</h2>
        <PeriodPicker value={period} onChange={(p) => set({ period: p })} />
      </div>
      <div style={{ marginBottom: 12 }}>
        <SalesFilters value={filters} onChange={setFilters}>
          <Segmented
            value={by}
            onChange={(v) => set({ by: String(v) })}
            options={forecastGroups.map((g) => ({ value: g, label: t(`sales.forecast.by.${g}`) }))}
          />
        </SalesFilters>
      </div>
      {forecast.error && <Alert type="error" showIcon title={(forecast.error as Error).message} />}
      {forecast.isLoading || !f ? (
        !forecast.error && <Loading />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('sales.forecast.rules', { from: f.period.from, to: f.period.to, p: f.rules.commitProbability })}
          </Typography.Paragraph>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={8} xl={4}>
              <Card size="small" data-testid="forecast-target">
                <Statistic
                  title={t('sales.forecast.target')}
                  value={f.totals.target?.tier1 ? money(f.totals.target.tier1) : '–'}
                />
                {f.totals.target?.tier2 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('sales.forecast.tiers', {
                      t2: money(f.totals.target.tier2),
                      t3: f.totals.target.tier3 ? money(f.totals.target.tier3) : '–',
                    })}
                  </Typography.Text>
                )}
              </Card>
            </Col>
            {scenarios.map((s) => (
              <Col key={s} xs={12} md={8} xl={5}>
                <Link to={listUrl('opportunity', f.totals[s].filter)} data-testid={`forecast-${s}`}>
                  <Card size="small" hoverable>
                    <Statistic title={t(`sales.forecast.${s}`)} value={money(f.totals[s].amount)} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s === 'won'
                        ? t('sales.forecast.count', { n: f.totals[s].count })
                        : t('sales.forecast.withWon', {
                            n: f.totals[s].count,
                            amount: money(f.totals.expected[s]),
                          })}
                    </Typography.Text>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
          {chart && (
            <Card size="small" style={{ marginBottom: 12 }}>
              <EChart option={chart} height={f.rows.length ? Math.max(200, f.rows.length * 36 + 60) : 150} />
            </Card>
          )}
          {by !== 'none' && <ForecastTable rows={f.rows} totals={f.totals} keyTitle={t(`sales.forecast.by.${by}`)} />}
          {by === 'none' && <Typography.Text type="secondary">{t('sales.forecast.pickGroup')}</Typography.Text>}
        </>
      )}
    </div>
  );
}

/** Won and normal stacked (what the period is expected to bring) beside tier 1 of the target, per row. */
function chartOf(rows: ForecastRow[], t: (k: string) => string, axis: (v: number) => string): ChartOption {
  const names = rows.map((r) => r.key?.label ?? t('sales.total'));
  const n = (v: string | null | undefined) => (v ? Number(v) : 0);
  return {
    color: ['#52c41a', '#1677ff', '#d9d9d9'],
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    xAxis: { type: 'value', axisLabel: { formatter: axis, hideOverlap: true } },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [
      {
        type: 'bar',
        name: t('sales.forecast.won'),
        stack: 'e',
        data: rows.map((r) => n(r.won.amount)),
        barMaxWidth: 20,
      },
      {
        type: 'bar',
        name: t('sales.forecast.normal'),
        stack: 'e',
        data: rows.map((r) => n(r.normal.amount)),
        barMaxWidth: 20,
      },
      { type: 'bar', name: t('sales.forecast.target'), data: rows.map((r) => n(r.target?.tier1)), barMaxWidth: 20 },
    ],
  };
}
