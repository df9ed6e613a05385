import dayjs, { type Dayjs } from 'dayjs';

/** A forecast or target period as the sales API names it: `2025`, `2025-Q2` or `2025-06` (SAL-4, DLR-5). */
export type PeriodKind = 'month' | 'quarter' | 'year';
export const periodKinds: PeriodKind[] = ['month', 'quarter', 'year'];

export function periodOf(kind: PeriodKind, d: Dayjs): string {
  if (kind === 'year') return d.format('YYYY');
  if (kind === 'quarter') return `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;
  return d.format('YYYY-MM');
}

export function parsePeriod(p: string): { kind: PeriodKind; day: Dayjs } | undefined {
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(p);
  if (!m) return undefined;
  if (m[2]) return { kind: 'quarter', day: dayjs(new Date(Number(m[1]), (Number(m[2]) - 1) * 3, 1)) };
  if (m[3]) return { kind: 'month', day: dayjs(new Date(Number(m[1]), Number(m[3]) - 1, 1)) };
  return { kind: 'year', day: dayjs(new Date(Number(m[1]), 0, 1)) };
}

/** The first and last day of a period, 'YYYY-MM-DD'. */
export function periodRange(p: string): [string, string] | undefined {
  const x = parsePeriod(p);
  if (!x) return undefined;
  const start = x.day.startOf('month');
  const months = x.kind === 'year' ? 12 : x.kind === 'quarter' ? 3 : 1;
  return [
    start.format('YYYY-MM-DD'),
    start
      .add(months - 1, 'month')
      .endOf('month')
      .format('YYYY-MM-DD'),
  ];
}

/** The same kind of period, `by` periods later (negative: earlier). */
export function shiftPeriod(p: string, by: number): string {
  const x = parsePeriod(p);
  if (!x) return p;
  const months = x.kind === 'year' ? 12 : x.kind === 'quarter' ? 3 : 1;
  return periodOf(x.kind, x.day.add(by * months, 'month'));
}
