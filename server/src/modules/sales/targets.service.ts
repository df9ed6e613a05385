import type { Filter, Metric, Tiers } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { records } from '../../engine/query/builder.ts';
import { idOf } from './meta.ts';
import { cents, percentOf, text } from './money.ts';
import type { Period } from './period.ts';
import { subjectField } from './target.hooks.ts';

export interface PeriodTarget {
  level: string;
  subject: { id: number; label: string } | null;
  /** For dealers: the office they belong to. */
  department: number | null;
  tiers: Tiers;
}

type Rec = Record<string, unknown>;

/** The targets of a year and metric the caller may read (the access predicate applies, as everywhere). */
export async function readTargets(ctx: Ctx, year: number, metric: Metric, extra?: Filter): Promise<Rec[]> {
  const targets = records(ctx, 'salesTarget');
  // Without the right to read targets (or to select them by period and level), figures stand without them.
  if (ctx.access.scope(targets.object.name, 'read') === 'none') return [];
  if (!['year', 'metric', 'level', 'month'].every((f) => targets.canQuery(f))) return [];
  const parts: Filter[] = [
    { field: 'year', op: 'eq', value: year },
    { field: 'metric', op: 'eq', value: metric },
  ];
  if (extra) parts.push(extra);
  return (await targets.all({ filter: { and: parts } }, 20_000)) as Rec[];
}

export const subjectKey = (level: string, id: number | null) => `${level}:${id ?? ''}`;

function addTiers(list: Rec[], factor = 1): Tiers {
  const tier = (f: string) => {
    const values = list.map((r) => r[f]).filter((v) => v !== null && v !== undefined);
    if (values.length === 0) return null;
    const total = values.reduce<bigint>((s, v) => s + cents(v), 0n);
    return text(factor === 1 ? total : BigInt(Math.round(Number(total) * factor)));
  };
  const rate = (f: string) => (list.find((r) => r[f] !== null && r[f] !== undefined)?.[f] as number) ?? null;
  return {
    tier1: tier('tier1'),
    tier2: tier('tier2'),
    tier3: tier('tier3'),
    rate1: rate('rate1'),
    rate2: rate('rate2'),
    rate3: rate('rate3'),
  };
}

/**
 * Each subject's target for a period: a year is its annual target (else the sum of its monthly ones); a month or
 * quarter is the sum of its monthly targets, else the annual target pro rata.
 */
export function periodTargets(rows: Rec[], period: Period): Map<string, PeriodTarget> {
  const groups = new Map<string, Rec[]>();
  for (const r of rows) {
    const field = subjectField[String(r.level)];
    const key = subjectKey(String(r.level), field ? idOf(r[field]) : null);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out = new Map<string, PeriodTarget>();
  for (const [key, list] of groups) {
    const annual = list.filter((r) => r.month === null || r.month === undefined);
    const monthly = list.filter((r) => period.months.includes(Number(r.month)));
    let tiers: Tiers | undefined;
    if (period.kind === 'year' && annual.length) tiers = addTiers(annual);
    else if (monthly.length) tiers = addTiers(monthly);
    else if (annual.length) tiers = { ...addTiers(annual, period.months.length / 12), prorated: true };
    if (!tiers) continue;
    const first = list[0];
    const field = subjectField[String(first.level)];
    const subject = field ? (first[field] as { id: number; label: string }) : null;
    out.set(key, { level: String(first.level), subject, department: idOf(first.department), tiers });
  }
  return out;
}

/** Highest tier reached by `actual` (0: none), its rate and the commission it earns. */
export function tierReached(actual: string | null, t: Tiers | null) {
  if (actual === null || !t) return { tierReached: 0, commissionRate: null, commission: null };
  let reached = 0;
  for (const [i, tier] of [t.tier1, t.tier2, t.tier3].entries())
    if (tier !== null && cents(actual) >= cents(tier)) reached = i + 1;
  const rate = reached ? [t.rate1, t.rate2, t.rate3][reached - 1] : null;
  const commission = rate === null ? null : percentOf(actual, rate);
  return { tierReached: reached, commissionRate: rate, commission };
}
