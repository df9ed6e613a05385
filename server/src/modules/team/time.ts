/**
 * Wall-clock time in the company's time zone. Recurrence rules and report periods are wall-clock concepts ("every
 * Monday at 9:00", "the 5th"): they are computed on "floating" dates (the wall clock written as UTC) and turned back
 * into instants by the engine's time-zone helper.
 */

import { fromWall, toWall } from '../../engine/time-zone.ts';

/** 'YYYY-MM-DD' of an instant in the zone. */
export function localDate(d: Date, tz: string): string {
  return toWall(d, tz).toISOString().slice(0, 10);
}

/** 'HH:mm' of an instant in the zone. */
export function localTime(d: Date, tz: string): string {
  return toWall(d, tz).toISOString().slice(11, 16);
}

/** Midnight starting day `date` ('YYYY-MM-DD') in the zone. */
export function dayStart(date: string, tz: string): Date {
  return fromWall(new Date(`${date}T00:00:00Z`), tz);
}

/** `date` plus `days` days, as 'YYYY-MM-DD'. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the week of `date` (weeks start on Monday). */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

/** A real calendar date 'YYYY-MM-DD' (no 30 February). */
export function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}
