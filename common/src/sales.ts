/** Sales shapes the server computes and the web shows (server/src/modules/sales); amounts are decimal strings. */

/** The keys sales analysis groups by (SAL-5). */
export const analysisKeys = [
  'year',
  'quarter',
  'month',
  'customer',
  'product',
  'owner',
  'department',
  'region',
  'province',
  'dealer',
] as const;
export type AnalysisKey = (typeof analysisKeys)[number];
export const timeKeys: ReadonlySet<AnalysisKey> = new Set<AnalysisKey>(['year', 'quarter', 'month']);

export const forecastGroups = ['none', 'owner', 'department', 'product'] as const;
export type ForecastGroup = (typeof forecastGroups)[number];

export const metrics = ['amount', 'units', 'collections'] as const;
export type Metric = (typeof metrics)[number];

/** Three tiers (目标1/2/3) and their commission rates (DLR-5). */
export interface Tiers {
  tier1: string | null;
  tier2: string | null;
  tier3: string | null;
  rate1: number | null;
  rate2: number | null;
  rate3: number | null;
  /** Taken pro rata from the annual target (no monthly targets for the period). */
  prorated?: boolean;
}

export interface RollupNode {
  type: 'department' | 'salesperson' | 'dealer';
  /** company / region / office (department kinds below an office count as offices), dealer, salesperson. */
  level: string;
  subject: { id: number; label: string | null } | null;
  /** The subject's own target for the period. */
  target: Tiers | null;
  /** The sum of the children's targets (departments and salespeople; dealers sell through salespeople). */
  childTarget: Tiers | null;
  actual: string | null;
  /** actual ÷ tier 1 of the own target, else of the children's. */
  achievement: number | null;
  tierReached: number;
  commissionRate: number | null;
  commission: string | null;
  children: RollupNode[];
}
