import { KehuError } from '../../engine/errors.ts';

/** A closed range of calendar days, 'YYYY-MM-DD'. */
export interface Range {
  from: string;
  to: string;
}

export interface Period extends Range {
  kind: 'month' | 'quarter' | 'year';
  label: string;
  year: number;
  /** The months (1–12) the period covers. */
  months: number[];
}

const pad = (n: number) => String(n).padStart(2, '0');
export const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const monthRange = (y: number, first: number, last: number): Range => ({
  from: `${y}-${pad(first)}-01`,
  to: `${y}-${pad(last)}-${pad(lastDay(y, last))}`,
});

const bad = (detail: string) => new KehuError('BAD_REQUEST', { detail });

/** `2025` (year), `2025-Q2` (quarter) or `2025-06` (month) (SAL-4). */
export function parsePeriod(p: string | undefined): Period {
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(p ?? '');
  if (!m) throw bad('period: YYYY, YYYY-Qn or YYYY-MM');
  const year = Number(m[1]);
  if (m[2]) {
    const q = Number(m[2]);
    const months = [3 * q - 2, 3 * q - 1, 3 * q];
    return { kind: 'quarter', label: p!, year, months, ...monthRange(year, months[0], months[2]) };
  }
  if (m[3]) {
    const month = Number(m[3]);
    return { kind: 'month', label: p!, year, months: [month], ...monthRange(year, month, month) };
  }
  return { kind: 'year', label: p!, year, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], ...monthRange(year, 1, 12) };
}

export function parseDay(v: string | undefined, name: string): string | undefined {
  if (v === undefined || v === '') return undefined;
  const d = new Date(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
    throw bad(`${name}: YYYY-MM-DD`);
  return v;
}

/** `from`/`to` query parameters: both, or neither. */
export function parseRange(from: string | undefined, to: string | undefined): Range | undefined {
  const f = parseDay(from, 'from');
  const t = parseDay(to, 'to');
  if (!f && !t) return undefined;
  if (!f || !t || f > t) throw bad('from and to: both, from ≤ to');
  return { from: f, to: t };
}

/** Shift a day by months (clamped to the month's end) or days. */
export function shiftDay(day: string, by: { months?: number; days?: number }): string {
  const [y, m, d] = day.split('-').map(Number);
  if (by.days) return new Date(Date.UTC(y, m - 1, d + by.days)).toISOString().slice(0, 10);
  const total = y * 12 + (m - 1) + (by.months ?? 0);
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${ny}-${pad(nm)}-${pad(Math.min(d, lastDay(ny, nm)))}`;
}

export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
