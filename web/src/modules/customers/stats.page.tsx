import { Alert, Card, Segmented, Typography } from 'antd';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { type RelationValue, relationText } from '../../engine/fields/relation-value.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { useLabel, useObjects } from '../../engine/metadata.ts';
import { StatsChart } from './stats-chart.tsx';
import { type StatsRow, useStats } from './stats-data.ts';
import { StatsFilters } from './stats-filters.tsx';
import {
  both,
  chartKind,
  type Dimension,
  dimensions,
  groupFilter,
  type StatsFilter,
  statsFilter,
} from './stats-model.ts';
import { StatsTable } from './stats-table.tsx';

// The map brings the provinces' outlines: loaded only when the region map is shown.
const StatsMap = lazy(() => import('./stats-map.tsx'));

/** 客户统计 (CUS-4): customers counted by industry, region, type, level, owner or month; every group drills down. */
export default function CustomerStatsPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const nav = useNavigate();
  const [params, setParams] = useSearchParams();
  const by = params.get('by');
  const dim: Dimension = (dimensions as readonly string[]).includes(by ?? '') ? (by as Dimension) : 'industry';
  const [filter, setFilter] = useState<StatsFilter>({});
  const [asMap, setAsMap] = useState(false);
  const objects = useObjects().data;
  const meta = objects?.find((o) => o.name === 'customer');
  const stats = useStats(dim, filter, objects ?? []);
  const field = meta?.fields.find((f) => f.name === (dim === 'month' ? 'createdAt' : dim));
  const keyLabel = useCallback(
    (key: unknown): string => {
      if (key === null || key === undefined) return t('customers.stats.empty');
      if (typeof key === 'object') return relationText(key as RelationValue, t, '');
      if (dim === 'month') return String(key).slice(0, 7);
      const o = field?.options?.find((x) => x.value === key);
      return o ? label(o.label) : String(key);
    },
    [dim, field, label, t],
  );
  if (!objects) return <Loading />;
  if (!meta) return <Alert type="warning" showIcon title={t('error.notFound')} style={{ margin: 16 }} />;
  const linkOf = (r: StatsRow) => listUrl('customer', both(statsFilter(filter), groupFilter(dim, r.key)));
  const pick = (r: StatsRow) => nav(linkOf(r));
  const measures = stats.measures.map((m) => ({ key: m.key, label: t(m.labelKey) }));
  const countLabel = t('customers.stats.count');
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('customers.stats.title')}</h2>
        <StatsFilters meta={meta} value={filter} onChange={setFilter} />
      </div>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={dim}
          onChange={(d) => setParams({ by: String(d) }, { replace: true })}
          options={dimensions.map((d) => ({ value: d, label: t(`customers.stats.by.${d}`) }))}
        />
      </div>
      {stats.error && <Alert type="error" showIcon title={stats.error.message} style={{ marginBottom: 12 }} />}
      <Card
        size="small"
        title={
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('customers.stats.hint', { n: stats.total })}
          </Typography.Text>
        }
        extra={
          dim === 'region' && (
            <Segmented
              size="small"
              value={asMap ? 'map' : 'bars'}
              onChange={(v) => setAsMap(v === 'map')}
              options={[
                { value: 'bars', label: t('customers.stats.bars') },
                { value: 'map', label: t('customers.stats.map') },
              ]}
            />
          )
        }
        style={{ marginBottom: 12 }}
      >
        {stats.loading ? (
          <Loading />
        ) : stats.rows.length === 0 ? (
          <Typography.Text type="secondary">{t('customers.stats.noData')}</Typography.Text>
        ) : dim === 'region' && asMap ? (
          <Suspense fallback={<Loading />}>
            <StatsMap rows={stats.rows} countLabel={countLabel} onPick={pick} />
          </Suspense>
        ) : (
          <StatsChart
            rows={stats.rows}
            kind={chartKind[dim]}
            vertical={dim === 'month'}
            label={keyLabel}
            countLabel={countLabel}
            measures={measures}
            onPick={pick}
          />
        )}
      </Card>
      <StatsTable
        rows={stats.rows}
        total={stats.total}
        loading={stats.loading}
        groupTitle={t(`customers.stats.by.${dim}`)}
        label={keyLabel}
        linkOf={linkOf}
        measures={stats.measures}
      />
    </div>
  );
}
