import { useQuery } from '@tanstack/react-query';
import { DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../engine/api.ts';
import { type SalesFilterState, SalesFilters, salesParams, useSalesFilters } from './sales-filters.tsx';

/** Board and funnel: which process, which expected close dates, and the shared filters. */
export interface PipelineQuery {
  process?: number;
  range?: [string, string];
  filters: SalesFilterState;
}

export function usePipelineQuery() {
  const [filters, setFilters] = useSalesFilters();
  const [process, setProcess] = useState<number>();
  const [range, setRange] = useState<[string, string]>();
  const query: PipelineQuery = { process, range, filters };
  const params = { process, from: range?.[0], to: range?.[1], ...salesParams(filters) };
  return { query, params, setProcess, setRange, setFilters };
}

/** The filter bar above the board and the funnel; the process shown is the server's default until one is chosen. */
export function PipelineToolbar({
  q,
  shownProcess,
}: {
  q: ReturnType<typeof usePipelineQuery>;
  shownProcess?: number;
}) {
  const { t } = useTranslation();
  const processes = useQuery({
    queryKey: ['records', 'salesProcess', 'picker'],
    staleTime: 60_000,
    queryFn: () =>
      api.get<{ data: Array<{ id: number; name: string; active?: boolean }> }>(
        `/api/objects/salesProcess${qs({ sort: 'sortOrder', limit: 100 })}`,
      ),
  });
  const range = q.query.range;
  return (
    <SalesFilters value={q.query.filters} onChange={q.setFilters}>
      <Select
        aria-label={t('sales.filters.process')}
        data-testid="process-select"
        style={{ minWidth: 160 }}
        placeholder={t('sales.filters.process')}
        value={q.query.process ?? shownProcess}
        onChange={(v: number) => q.setProcess(v)}
        options={(processes.data?.data ?? [])
          .filter((p) => p.active !== false || p.id === shownProcess)
          .map((p) => ({ value: p.id, label: p.name }))}
      />
      <DatePicker.RangePicker
        aria-label={t('sales.filters.closeDates')}
        placeholder={[t('sales.filters.closeFrom'), t('sales.filters.closeTo')]}
        value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
        onChange={(v) =>
          q.setRange(v?.[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : undefined)
        }
        style={{ maxWidth: 280 }}
      />
    </SalesFilters>
  );
}
