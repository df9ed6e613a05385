import { type AnalysisKey, timeKeys } from '@kehu/common';
import type { Ctx } from '../../engine/context.ts';
import { KehuError } from '../../engine/errors.ts';
import { grouped, wonIn } from './analysis-groups.ts';
import { bucketMonths, keyFilter, keyLabel, type Row } from './analysis-keys.ts';
import { all, type SalesParams, salesFilter } from './filters.ts';
import { ratio } from './money.ts';
import { daysBetween, lastDay, type Range, shiftDay } from './period.ts';

export type Compare = 'previous' | 'yearAgo';

const isMonthEnd = (d: string) => Number(d.slice(8)) === lastDay(Number(d.slice(0, 4)), Number(d.slice(5, 7)));
const wholeMonths = (r: Range) =>
  r.from.endsWith('-01') && isMonthEnd(r.to)
    ? (Number(r.to.slice(0, 4)) - Number(r.from.slice(0, 4))) * 12 +
      Number(r.to.slice(5, 7)) -
      Number(r.from.slice(5, 7)) +
      1
    : null;

/** How far back the comparison period lies: a year, or one period before (one bucket when grouping by time). */
function shiftOf(by: AnalysisKey, range: Range, compare: Compare): { months?: number; days?: number } {
  if (compare === 'yearAgo') return { months: -12 };
  if (timeKeys.has(by)) return { months: -bucketMonths[by] };
  const months = wholeMonths(range);
  return months ? { months: -months } : { days: -(daysBetween(range.from, range.to) + 1) };
}

function shiftRange(r: Range, by: { months?: number; days?: number }): Range {
  const to = shiftDay(r.to, by);
  const end =
    by.months && isMonthEnd(r.to) ? `${to.slice(0, 8)}${lastDay(Number(to.slice(0, 4)), Number(to.slice(5, 7)))}` : to;
  return { from: shiftDay(r.from, by), to: end };
}

const change = (now: string | null | undefined, before: string | null | undefined) => {
  const r = before === undefined || before === null || now === null || now === undefined ? null : ratio(now, before);
  return r === null ? null : Math.round((r - 1) * 10_000) / 10_000;
};

/**
 * Sales by year, quarter, month, customer, product, salesperson, department, region, province or dealer (SAL-5),
 * optionally beside the previous period or the same period a year earlier (the same key; time keys matched to the
 * bucket one period or one year before). Amounts of won opportunities by their close date, inside the caller's scope.
 */
export async function salesAnalysis(
  ctx: Ctx,
  q: { by: AnalysisKey; range: Range; compare?: Compare; params: SalesParams; limit: number },
) {
  const base = await salesFilter(ctx, q.params);
  const now = await grouped(ctx, q.by, q.range, base, q.limit);
  const rows = now.rows;
  const [total] = (await grouped(ctx, 'none', q.range, base, 1)).rows;
  const shift = q.compare ? shiftOf(q.by, q.range, q.compare) : undefined;
  const previousRange = shift ? shiftRange(q.range, shift) : undefined;
  const previous = new Map<string | null, Row>();
  let previousTotal: Row | undefined;
  if (shift && previousRange) {
    // Time keys of the comparison are moved forward onto the bucket they compare with.
    const back = { months: -(shift.months ?? 0) };
    const before = await grouped(ctx, q.by, previousRange, base, timeKeys.has(q.by) ? 1000 : 10_000);
    for (const r of before.rows) previous.set(r.k !== null && timeKeys.has(q.by) ? shiftDay(r.k, back) : r.k, r);
    [previousTotal] = (await grouped(ctx, 'none', previousRange, base, 1)).rows;
  }
  // Amounts and quantities only where the caller sees them (field rights); counts always.
  const figures = (r: Row | undefined) => ({
    count: r?.n ?? 0,
    amount: now.amounts ? (r?.amount ?? '0.00') : null,
    units: now.units ? (r?.units ?? '0') : null,
  });
  const data = [];
  for (const r of rows) {
    const key = await keyFilter(ctx, q.by, r.k);
    const prev = previous.get(r.k);
    data.push({
      key: { value: r.k, label: keyLabel(q.by, r.k, r.label) },
      ...figures(r),
      ...(shift ? { previous: figures(prev), change: change(figures(r).amount, figures(prev).amount) } : {}),
      filter: key === null ? null : all(base, wonIn(q.range), key),
    });
  }
  return {
    by: q.by,
    range: q.range,
    ...(previousRange ? { compare: q.compare, previousRange } : {}),
    totals: {
      ...figures(total),
      ...(shift
        ? { previous: figures(previousTotal), change: change(figures(total).amount, figures(previousTotal).amount) }
        : {}),
      filter: all(base, wonIn(q.range)),
    },
    rows: data,
  };
}

export function parseCompare(v: string | undefined): Compare | undefined {
  if (v === undefined || v === '') return undefined;
  if (v !== 'previous' && v !== 'yearAgo')
    throw new KehuError('BAD_REQUEST', { detail: 'compare: previous or yearAgo' });
  return v;
}
