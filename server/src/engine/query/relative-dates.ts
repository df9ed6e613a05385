import { type RelativePeriod, type RollingPeriod, relativePeriods } from '@kehu/common';
import { FieldProblem } from '../errors.ts';

/** Calendar date (y, m 1-12, d) of `now` in a time zone. */
function today(now: Date, tz: string): [number, number, number] {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  const [y, m, d] = f.format(now).split('-').map(Number);
  return [y, m, d];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86400000);

/**
 * A relative period as a half-open range of calendar dates [from, to) in the company's time zone
 * (weeks start on Monday, as in China). Datetime fields compare at those dates' midnights in that zone.
 */
export function dateRange(value: unknown, now: Date, tz: string): { from: string; to: string } {
  const [y, m, d] = today(now, tz);
  const t = utc(y, m, d);
  if (typeof value === 'string') {
    if (!relativePeriods.includes(value as RelativePeriod)) throw new FieldProblem('invalidOption');
    const weekStart = addDays(t, -((t.getUTCDay() + 6) % 7));
    const q = Math.floor((m - 1) / 3) * 3 + 1;
    const ranges: Record<RelativePeriod, [Date, Date]> = {
      today: [t, addDays(t, 1)],
      yesterday: [addDays(t, -1), t],
      tomorrow: [addDays(t, 1), addDays(t, 2)],
      thisWeek: [weekStart, addDays(weekStart, 7)],
      lastWeek: [addDays(weekStart, -7), weekStart],
      nextWeek: [addDays(weekStart, 7), addDays(weekStart, 14)],
      thisMonth: [utc(y, m, 1), utc(y, m + 1, 1)],
      lastMonth: [utc(y, m - 1, 1), utc(y, m, 1)],
      nextMonth: [utc(y, m + 1, 1), utc(y, m + 2, 1)],
      thisQuarter: [utc(y, q, 1), utc(y, q + 3, 1)],
      lastQuarter: [utc(y, q - 3, 1), utc(y, q, 1)],
      nextQuarter: [utc(y, q + 3, 1), utc(y, q + 6, 1)],
      thisYear: [utc(y, 1, 1), utc(y + 1, 1, 1)],
      lastYear: [utc(y - 1, 1, 1), utc(y, 1, 1)],
      nextYear: [utc(y + 1, 1, 1), utc(y + 2, 1, 1)],
    };
    const [from, to] = ranges[value as RelativePeriod];
    return { from: iso(from), to: iso(to) };
  }
  if (typeof value === 'object' && value !== null) {
    const r = value as RollingPeriod;
    const n = r.last ?? r.next;
    const keys = Object.keys(r);
    if (
      typeof n !== 'number' ||
      !Number.isInteger(n) ||
      n < 1 ||
      n > 3660 ||
      (r.last !== undefined && r.next !== undefined) ||
      !['day', 'week', 'month', 'year'].includes(r.unit) ||
      keys.some((k) => !['last', 'next', 'unit'].includes(k))
    ) {
      throw new FieldProblem('format');
    }
    const shift = (sign: number) => {
      if (r.unit === 'day') return addDays(t, sign * n);
      if (r.unit === 'week') return addDays(t, sign * 7 * n);
      if (r.unit === 'month') return utc(y, m + sign * n, d);
      return utc(y + sign * n, m, d);
    };
    // "last 90 days" includes today: [today-89, today+1); "next 7 days" is [today, today+7).
    const range =
      r.last !== undefined
        ? { from: iso(addDays(shift(-1), 1)), to: iso(addDays(t, 1)) }
        : { from: iso(t), to: iso(shift(1)) };
    // 3,660 years back leaves the calendar PostgreSQL accepts (years 1–9999 as 'YYYY-MM-DD').
    if (!/^\d{4}-/.test(range.from) || !/^\d{4}-/.test(range.to) || range.from < '0001')
      throw new FieldProblem('format');
    return range;
  }
  throw new FieldProblem('format');
}
