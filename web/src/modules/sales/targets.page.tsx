import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { type Metric, metrics } from '@kehu/common';
import { Alert, Button, Empty, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { can, useObject } from '../../engine/metadata.ts';
import { parsePeriod, periodOf } from './period.ts';
import { PeriodPicker } from './period-picker.tsx';
import { useRollup } from './sales-api.ts';
import { TargetsTable } from './targets-table.tsx';

/**
 * 目标管理 (DLR-5): targets against actuals, rolled up along the organisation, per year, quarter or month.
 * Targets themselves are edited in the generic form (the server checks the tiers).
 */
export default function TargetsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = parsePeriod(params.get('period') ?? '') ? params.get('period')! : periodOf('year', dayjs());
  const metric = (metrics as readonly string[]).includes(params.get('metric') ?? '')
    ? (params.get('metric') as Metric)
    : 'amount';
  const set = (p: Record<string, string>) => setParams({ period, metric, ...p }, { replace: true });
  const rollup = useRollup({ period, metric });
  const { meta } = useObject('salesTarget');
  const r = rollup.data;
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('sales.targets.title')}</h2>
        <Space wrap>
          <Link to="/o/salesTarget">
            <Button icon={<UnorderedListOutlined />}>{t('sales.targets.list')}</Button>
          </Link>
          {can(meta, 'create') && (
            <Link to="/o/salesTarget/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('sales.targets.new')}
              </Button>
            </Link>
          )}
        </Space>
      </div>
      <div className="toolbar" style={{ marginBottom: 12 }}>
        <PeriodPicker value={period} onChange={(p) => set({ period: p })} />
        <Segmented
          value={metric}
          onChange={(v) => set({ metric: String(v) })}
          options={metrics.map((m) => ({ value: m, label: t(`sales.targets.metric.${m}`) }))}
        />
      </div>
      {rollup.error && <Alert type="error" showIcon title={(rollup.error as Error).message} />}
      {r && r.actualsSource === null && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('sales.targets.noActuals')} />
      )}
      {r && (
        <Typography.Paragraph type="secondary">
          {t('sales.targets.hint', { from: r.period.from, to: r.period.to })}
        </Typography.Paragraph>
      )}
      {rollup.isLoading ? (
        <Loading />
      ) : r && r.roots.length === 0 ? (
        <Empty description={t('sales.targets.none')} />
      ) : (
        r && (
          <TargetsTable
            key={`${period}-${metric}`}
            roots={r.roots}
            metric={metric}
            range={r.period}
            loading={rollup.isFetching}
          />
        )
      )}
    </div>
  );
}
