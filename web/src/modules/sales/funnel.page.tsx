import { AppstoreOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Segmented, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { formatCompact, formatMoney } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { FunnelChart } from './funnel-chart.tsx';
import { PipelineToolbar, usePipelineQuery } from './pipeline-toolbar.tsx';
import { type FunnelStage, useFunnel } from './sales-api.ts';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${Math.round(x * 1000) / 10}%`);

/** 销售漏斗 (SAL-2): the funnel chart with conversion between stages, and the figures behind it, each drilling down. */
export default function FunnelPage() {
  const { t, i18n } = useTranslation();
  const nav = useNavigate();
  const q = usePipelineQuery();
  const funnel = useFunnel(q.params);
  const [measure, setMeasure] = useState<'reached' | 'amount'>('reached');
  const f = funnel.data;
  const money = (v: string) => formatCompact(v, i18n.language, '¥');
  const closed = (['won', 'lost', 'abandoned'] as const).map((s) => ({ s, x: f?.[s] }));
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('sales.funnel.title')}</h2>
        <Link to="/sales/board">
          <Button icon={<AppstoreOutlined />}>{t('sales.board.title')}</Button>
        </Link>
      </div>
      <div style={{ marginBottom: 12 }}>
        <PipelineToolbar q={q} shownProcess={f?.process?.id} />
      </div>
      {funnel.error && <Alert type="error" showIcon title={(funnel.error as Error).message} />}
      {funnel.isLoading ? (
        <Loading />
      ) : !f || f.stages.length === 0 ? (
        <Empty description={t('sales.board.noProcess')} />
      ) : (
        <>
          <div className="toolbar" style={{ marginBottom: 12, gap: 24 }} data-testid="funnel-summary">
            {f.open && (
              <Link to={listUrl('opportunity', f.open.filter)}>
                <Statistic title={t('sales.funnel.open', { n: f.open.count })} value={money(f.open.amount)} />
              </Link>
            )}
            {closed.map(
              ({ s, x }) =>
                x && (
                  <Link key={s} to={listUrl('opportunity', x.filter)}>
                    <Statistic title={`${t(`sales.status.${s}`)} · ${x.count}`} value={money(x.amount)} />
                  </Link>
                ),
            )}
            <Statistic title={t('sales.funnel.winRate')} value={pct(f.winRate)} />
          </div>
          <Card
            size="small"
            style={{ marginBottom: 12 }}
            extra={
              <Segmented
                size="small"
                value={measure}
                onChange={(v) => setMeasure(v as 'reached' | 'amount')}
                options={[
                  { value: 'reached', label: t('sales.funnel.byReached') },
                  { value: 'amount', label: t('sales.funnel.byAmount') },
                ]}
              />
            }
            title={f.process?.label}
          >
            <FunnelChart
              stages={f.stages}
              won={f.won ?? { count: 0, amount: '0' }}
              measure={measure}
              onPick={(i) => nav(listUrl('opportunity', f.stages[i].filter))}
            />
          </Card>
          <Table<FunnelStage>
            size="small"
            rowKey={(r) => r.stage.id}
            data-testid="funnel-table"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={f.stages}
            columns={[
              {
                key: 'stage',
                title: t('sales.funnel.stage'),
                render: (_, r) => <Link to={listUrl('opportunity', r.filter)}>{r.stage.label}</Link>,
              },
              { key: 'p', title: t('sales.funnel.probability'), align: 'right', render: (_, r) => `${r.probability}%` },
              { key: 'n', title: t('sales.funnel.count'), align: 'right', render: (_, r) => r.count },
              { key: 'a', title: t('sales.funnel.amount'), align: 'right', render: (_, r) => formatMoney(r.amount) },
              {
                key: 'w',
                title: t('sales.funnel.weighted'),
                align: 'right',
                render: (_, r) => formatMoney(r.weightedAmount),
              },
              { key: 'r', title: t('sales.funnel.reached'), align: 'right', render: (_, r) => r.reached },
              {
                key: 'c',
                title: t('sales.funnel.conversion'),
                align: 'right',
                render: (_, r) => <span data-testid="conversion">{pct(r.conversion)}</span>,
              },
              {
                key: 'd',
                title: t('sales.funnel.avgDays'),
                align: 'right',
                render: (_, r) => (r.avgDays === null ? '–' : r.avgDays),
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
