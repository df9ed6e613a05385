import { FunnelChart as Funnel } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChartOption, EChart } from '../../engine/charts/echart.tsx';
import { formatCompact } from '../../engine/format.ts';
import type { FunnelStage } from './sales-api.ts';

// The funnel series is registered here, so only the funnel page's chunk carries it.
echarts.use([Funnel]);

const palette = ['#1677ff', '#4096ff', '#69b1ff', '#91caff', '#52c41a', '#95de64', '#faad14', '#ffc53d'];

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 1000) / 10}%`);

/**
 * The funnel (SAL-2): how many opportunities reached each stage (with the conversion to the next), or the open
 * amount waiting in each; a click on a layer opens those opportunities.
 */
export function FunnelChart({
  stages,
  won,
  measure,
  onPick,
}: {
  stages: FunnelStage[];
  won: { count: number; amount: string };
  measure: 'reached' | 'amount';
  onPick(i: number): void;
}) {
  const { t, i18n } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const layers = stages.map((s) => ({
      name: s.stage.label ?? '',
      value: measure === 'reached' ? s.reached : Number(s.amount),
      conversion: s.conversion,
      count: s.count,
    }));
    if (measure === 'reached')
      layers.push({ name: t('sales.status.won'), value: won.count, conversion: null, count: won.count });
    const fmt = (v: number) => (measure === 'amount' ? formatCompact(v, i18n.language, '¥') : String(v));
    return {
      color: palette,
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number; data: { conversion: number | null } }) =>
          `${p.name}: ${fmt(p.value)}${p.data.conversion === null ? '' : ` → ${pct(p.data.conversion)}`}`,
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '8%',
          width: '84%',
          top: 8,
          bottom: 8,
          minSize: '12%',
          gap: 2,
          label: {
            show: true,
            position: 'inside',
            formatter: (p: { name: string; value: number; data: { conversion: number | null } }) =>
              `${p.name}  ${fmt(p.value)}${measure === 'reached' && p.data.conversion !== null ? `  ↓${pct(p.data.conversion)}` : ''}`,
          },
          data: layers,
        },
      ],
    };
  }, [stages, won, measure, t, i18n.language]);
  return (
    <EChart
      option={option}
      height={Math.max(220, (stages.length + 1) * 48)}
      onClick={(p) => {
        if (p.dataIndex < stages.length) onPick(p.dataIndex);
      }}
    />
  );
}
