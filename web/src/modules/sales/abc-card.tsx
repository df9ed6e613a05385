import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { LineChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ChartOption, EChart } from '../../engine/charts/echart.tsx';
import { formatCompact, formatMoney } from '../../engine/format.ts';
import { listUrl } from '../../engine/list/view-state.ts';
import { downloadCsv } from './csv.ts';
import { type Abc, type AbcCustomer, type SalesParams, useAbc } from './sales-api.ts';

// The cumulative line of the Pareto chart; registered here so only the analysis chunk carries it.
echarts.use([LineChart]);

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${Math.round(x * 1000) / 10}%`);
const classColor: Record<string, string> = { A: 'red', B: 'orange', C: 'default' };

function pareto(d: Abc, amountLabel: string, cumLabel: string, axis: (v: number) => string): ChartOption {
  const top = d.customers.slice(0, 30);
  return {
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: {
      type: 'category',
      data: top.map((c) => c.customer.label ?? ''),
      axisLabel: { rotate: 40, hideOverlap: true },
    },
    yAxis: [
      { type: 'value', axisLabel: { formatter: axis } },
      { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        type: 'bar',
        name: amountLabel,
        data: top.map((c) => ({
          value: Number(c.amount),
          itemStyle: { color: c.class === 'A' ? '#ff4d4f' : c.class === 'B' ? '#faad14' : '#bfbfbf' },
        })),
      },
      {
        type: 'line',
        name: cumLabel,
        yAxisIndex: 1,
        data: top.map((c) => Math.round((c.cumulativeShare ?? 0) * 1000) / 10),
      },
    ],
  };
}

/** ABC / 80-20 analysis of customers (SAL-5): which customers make most of the sales, each drilling down. */
export function AbcCard({ range, params }: { range: [string, string]; params: SalesParams }) {
  const { t, i18n } = useTranslation();
  const abc = useAbc({ from: range[0], to: range[1], ...params });
  const d = abc.data;
  const option = useMemo(
    () => d && pareto(d, t('sales.analysis.amount'), t('sales.abc.cumulative'), (v) => formatCompact(v, i18n.language)),
    [d, t, i18n.language],
  );
  const exportCsv = () =>
    d &&
    downloadCsv(`abc-${range[0]}-${range[1]}.csv`, [
      [
        t('sales.abc.rank'),
        t('sales.abc.customer'),
        t('sales.abc.class'),
        t('sales.analysis.amount'),
        t('sales.analysis.count'),
        t('sales.analysis.share'),
        t('sales.abc.cumulative'),
      ],
      ...d.customers.map((c) => [
        c.rank,
        c.customer.label,
        c.class,
        c.amount,
        c.count,
        pct(c.share),
        pct(c.cumulativeShare),
      ]),
    ]);
  return (
    <Card
      size="small"
      title={t('sales.abc.title')}
      data-testid="abc-card"
      loading={abc.isLoading}
      extra={
        <Button size="small" icon={<DownloadOutlined />} onClick={exportCsv} disabled={!d}>
          {t('sales.analysis.export')}
        </Button>
      }
    >
      {abc.error && <Typography.Text type="danger">{(abc.error as Error).message}</Typography.Text>}
      {d && (
        <>
          <Typography.Paragraph type="secondary">{t('sales.abc.hint', d.thresholds)}</Typography.Paragraph>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {d.classes.map((c) => (
              <Col key={c.class} xs={24} sm={8}>
                <Statistic
                  title={t('sales.abc.classTitle', { c: c.class, n: c.customers, share: pct(c.customerShare) })}
                  value={formatCompact(c.amount, i18n.language, '¥')}
                  suffix={
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {pct(c.amountShare)}
                    </Typography.Text>
                  }
                />
              </Col>
            ))}
          </Row>
          {d.customers.length > 0 && option && <EChart option={option} height={280} />}
          <Table<AbcCustomer>
            size="small"
            rowKey="rank"
            pagination={d.customers.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
            dataSource={d.customers}
            columns={[
              { key: 'rank', title: t('sales.abc.rank'), render: (_, c) => c.rank },
              {
                key: 'customer',
                title: t('sales.abc.customer'),
                render: (_, c) => <Link to={`/o/customer/${c.customer.id}`}>{c.customer.label}</Link>,
              },
              {
                key: 'class',
                title: t('sales.abc.class'),
                render: (_, c) => <Tag color={classColor[c.class]}>{c.class}</Tag>,
              },
              {
                key: 'amount',
                title: t('sales.analysis.amount'),
                align: 'right',
                render: (_, c) => <Link to={listUrl('opportunity', c.filter)}>{formatMoney(c.amount)}</Link>,
              },
              { key: 'count', title: t('sales.analysis.count'), align: 'right', render: (_, c) => c.count },
              { key: 'share', title: t('sales.analysis.share'), align: 'right', render: (_, c) => pct(c.share) },
              {
                key: 'cum',
                title: t('sales.abc.cumulative'),
                align: 'right',
                render: (_, c) => pct(c.cumulativeShare),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
