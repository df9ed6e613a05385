import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { type ChartOption, EChart } from '../../engine/charts/echart.tsx';
import type { StatsRow } from './stats-data.ts';

// SVG: sharp on phones, and each bar or slice is an element of the page.
echarts.use([SVGRenderer]);

const blue = '#1677ff';
const palette = [blue, '#52c41a', '#faad14', '#eb2f96', '#722ed1', '#13c2c2', '#fa541c', '#2f54eb', '#a0d911'];

interface Props {
  rows: StatsRow[];
  kind: 'bar' | 'pie';
  /** Months read left to right; categories top to bottom (long names fit a narrow screen). */
  vertical: boolean;
  label(key: unknown): string;
  countLabel: string;
  /** A second series per registered measure (sales…), on its own axis. */
  measures: Array<{ key: string; label: string }>;
  onPick(row: StatsRow): void;
}

/** Customers per group as bars or a pie; a click on a bar or slice drills down to those customers (CUS-4). */
export function StatsChart({ rows, kind, vertical, label, countLabel, measures, onPick }: Props) {
  const option = useMemo<ChartOption>(() => {
    const names = rows.map((r) => label(r.key));
    if (kind === 'pie') {
      return {
        color: palette,
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            name: countLabel,
            radius: ['35%', '65%'],
            center: ['50%', '45%'],
            data: rows.map((r, i) => ({ name: names[i], value: r.count })),
            label: { formatter: '{b}\n{c}' },
          },
        ],
      };
    }
    const category = { type: 'category', data: names, axisLabel: { interval: 0, hideOverlap: true } };
    const value = { type: 'value', minInterval: 1 };
    const extra = measures.map((m) => ({
      type: 'bar',
      name: m.label,
      xAxisIndex: vertical ? 0 : 1,
      yAxisIndex: vertical ? 1 : 0,
      data: rows.map((r) => Number(r.measures[m.key] ?? 0)),
      barMaxWidth: 24,
    }));
    const axes = (main: object) => (measures.length ? [main, { ...value, minInterval: undefined }] : main);
    return {
      color: palette,
      grid: { left: 8, right: 24, top: measures.length ? 32 : 16, bottom: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: measures.length ? { top: 0 } : undefined,
      xAxis: vertical ? category : axes(value),
      yAxis: vertical ? axes(value) : { ...category, inverse: true },
      series: [
        {
          type: 'bar',
          name: countLabel,
          data: rows.map((r) => r.count),
          itemStyle: { color: blue, borderRadius: vertical ? [4, 4, 0, 0] : [0, 4, 4, 0] },
          barMaxWidth: 32,
          label: { show: true, position: vertical ? 'top' : 'right' },
        },
        ...extra,
      ],
    };
  }, [rows, kind, vertical, label, countLabel, measures]);
  const height = kind === 'pie' || vertical ? 300 : Math.max(160, Math.min(rows.length, 40) * 30 + 40);
  return (
    <EChart
      option={option}
      height={height}
      renderer="svg"
      onClick={(p) => {
        const row = rows[p.dataIndex];
        if (row) onPick(row);
      }}
    />
  );
}
