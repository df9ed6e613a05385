import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { motion } from '../../app/motion.ts';

// Only the chart types the client uses, so the chunk stays small.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** What a click on a bar, slice or region reports (for drilling down to the records behind it). */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

/**
 * A minimal ECharts wrapper: one instance per element, resized with the window, disposed on unmount. The SVG
 * renderer (registered by whoever asks for it) keeps small charts sharp on phones and their shapes in the DOM.
 */
export function EChart({
  option,
  height = 240,
  onClick,
  renderer = 'canvas',
}: {
  option: ChartOption;
  height?: number;
  onClick?(p: ChartClick): void;
  renderer?: 'canvas' | 'svg';
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(undefined);
  const click = useRef(onClick);
  click.current = onClick;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the renderer is chosen once per element
  useEffect(() => {
    if (!el.current) return;
    chart.current = echarts.init(el.current, undefined, { renderer });
    chart.current.on('click', (p) => {
      const e = p as { seriesIndex?: number; dataIndex?: number; name?: string };
      if (e.dataIndex !== undefined)
        click.current?.({ seriesIndex: e.seriesIndex ?? 0, dataIndex: e.dataIndex, name: e.name ?? '' });
    });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: motion, ...option }, true);
  }, [option]);
  return (
    <div ref={el} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} data-testid="chart" />
  );
}
