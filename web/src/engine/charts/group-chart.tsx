import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupRow } from '../records.ts';
import { type ChartOption, EChart } from './echart.tsx';

/** The grouped list as a bar chart: records per group, or the first subtotal when there is one (RPT-2). */
export default function GroupChart({
  rows,
  label,
  measure,
  measureLabel,
}: {
  rows: GroupRow[];
  label(r: GroupRow): string;
  measure?: string;
  measureLabel?: string;
}) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          name: measure ? measureLabel : t('group.count'),
          data: rows.map((r) => Number(measure ? (r[measure] ?? 0) : r.count)),
          itemStyle: { color: '#1677ff', borderRadius: [4, 4, 0, 0] },
          barMaxWidth: 48,
        },
      ],
    }),
    [rows, label, measure, measureLabel, t],
  );
  return <EChart option={option} />;
}
