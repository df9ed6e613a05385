import type { AnalysisKey, Filter, ForecastGroup, Metric, RollupNode, Tiers } from '@kehu/common';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../engine/api.ts';

/** The sales API's shapes (server/src/modules/sales/sales.routes.ts); amounts are decimal strings. */

export interface Ref {
  id: number;
  label: string | null;
}

/** The filters every sales page shares (owner, department and what is below it, dealer, product). */
export interface SalesParams {
  owner?: number;
  department?: number;
  dealer?: number;
  product?: number;
}

export interface FunnelStage {
  stage: Ref;
  sortOrder: number;
  probability: number;
  count: number;
  amount: string;
  weightedAmount: string;
  /** Opportunities that ever reached the stage. */
  reached: number;
  /** Share of those that went on to the next stage (the last: to won). */
  conversion: number | null;
  avgDays: number | null;
  filter: Filter;
}

export interface Funnel {
  process: Ref | null;
  filter: Filter | null;
  stages: FunnelStage[];
  open?: { count: number; amount: string; weightedAmount: string; filter: Filter };
  won?: { count: number; amount: string; filter: Filter };
  lost?: { count: number; amount: string; filter: Filter };
  abandoned?: { count: number; amount: string; filter: Filter };
  winRate?: number | null;
}

export interface Figure {
  amount: string;
  count: number;
  filter: Filter;
}

export const scenarios = ['won', 'pessimistic', 'normal', 'optimistic'] as const;
export type Scenario = (typeof scenarios)[number];

export type ForecastRow = {
  key: Ref | null;
  target: Tiers | null;
  expected: Record<Exclude<Scenario, 'won'>, string>;
} & Record<Scenario, Figure>;

export interface Forecast {
  period: { from: string; to: string; label: string; kind: string };
  groupBy: ForecastGroup;
  rules: { commitProbability: number };
  totals: ForecastRow;
  rows: ForecastRow[];
}

export interface Rollup {
  period: { from: string; to: string; label: string };
  metric: Metric;
  actualsSource: string | null;
  roots: RollupNode[];
}

interface Amounts {
  count: number;
  amount: string;
  units: string;
}

export interface AnalysisRow extends Amounts {
  key: { value: string | null; label: string | null };
  previous?: Amounts;
  change?: number | null;
  filter: Filter | null;
}

export interface Analysis {
  by: AnalysisKey;
  range: { from: string; to: string };
  compare?: 'previous' | 'yearAgo';
  previousRange?: { from: string; to: string };
  totals: Amounts & { previous?: Amounts; change?: number | null; filter: Filter | null };
  rows: AnalysisRow[];
}

export interface AbcCustomer {
  rank: number;
  customer: Ref;
  class: 'A' | 'B' | 'C';
  amount: string;
  count: number;
  share: number | null;
  cumulativeShare: number | null;
  filter: Filter;
}

export interface Abc {
  range: { from: string; to: string };
  thresholds: { a: number; b: number };
  total: { customers: number; amount: string; filter: Filter };
  classes: {
    class: string;
    customers: number;
    amount: string;
    amountShare: number | null;
    customerShare: number | null;
  }[];
  customers: AbcCustomer[];
}

export interface StageTimes {
  opportunity: Ref;
  stages: { stage: Ref; sortOrder: number; days: number; visits: number; current: boolean }[];
  changes: {
    id: number;
    fromStage: Ref | null;
    toStage: Ref | null;
    fromStatus: string | null;
    toStatus: string | null;
    changedAt: string;
    changedBy: number | null;
    daysInFromStage: number | null;
  }[];
}

export interface Requirements {
  allowed: boolean;
  missing: { stage: Ref; fields: { name: string; label: string }[]; tasks: string[] }[];
}

type Params = Record<string, string | number | undefined>;

const get = <T>(path: string, params: Params, signal?: AbortSignal) =>
  api.get<{ data: T }>(`${path}${qs(params)}`, signal).then((r) => r.data);

/** Every sales query starts with 'sales', so a stage move refreshes them all. */
export const useFunnel = (p: Params) =>
  useQuery({ queryKey: ['sales', 'funnel', p], queryFn: ({ signal }) => get<Funnel>('/api/sales/funnel', p, signal) });

export const useForecast = (p: Params) =>
  useQuery({
    queryKey: ['sales', 'forecast', p],
    queryFn: ({ signal }) => get<Forecast>('/api/sales/forecast', p, signal),
  });

export const useRollup = (p: Params) =>
  useQuery({
    queryKey: ['sales', 'rollup', p],
    queryFn: ({ signal }) => get<Rollup>('/api/sales/targets/rollup', p, signal),
  });

export const useAnalysis = (p: Params) =>
  useQuery({
    queryKey: ['sales', 'analysis', p],
    queryFn: ({ signal }) => get<Analysis>('/api/sales/analysis', p, signal),
  });

export const useAbc = (p: Params, enabled = true) =>
  useQuery({
    queryKey: ['sales', 'abc', p],
    enabled,
    queryFn: ({ signal }) => get<Abc>('/api/sales/analysis/abc', p, signal),
  });

export const useStageTimes = (id: number) =>
  useQuery({
    queryKey: ['sales', 'stage-times', id],
    queryFn: ({ signal }) => get<StageTimes>(`/api/sales/opportunities/${id}/stage-times`, {}, signal),
  });

export const useRequirements = (id: number, next: { stage?: number; status?: 'won' } | undefined) =>
  useQuery({
    queryKey: ['sales', 'requirements', id, next],
    enabled: next !== undefined,
    queryFn: ({ signal }) => get<Requirements>(`/api/sales/opportunities/${id}/requirements`, next ?? {}, signal),
  });
