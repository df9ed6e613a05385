/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) in a time zone, for alert schedules:
 * `*`, lists, ranges and steps (`0 8 * * 1-5`, `*\/15 9-18 * * *`). Day-of-month and day-of-week follow cron:
 * when both are restricted, either may match. Sunday is 0 or 7.
 */

import { wallClock } from './time-zone.ts';

export interface Cron {
  minute: Set<number>;
  hour: Set<number>;
  day: Set<number>;
  month: Set<number>;
  weekday: Set<number>;
  anyDay: boolean;
  anyWeekday: boolean;
}

const ranges: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function field(text: string, [min, max]: [number, number]): Set<number> | undefined {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return undefined;
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return undefined;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** Parse an expression; undefined when it is not valid. */
export function parseCron(text: string): Cron | undefined {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5) return undefined;
  const sets = parts.map((p, i) => field(p, ranges[i]));
  if (sets.some((s) => !s)) return undefined;
  const [minute, hour, day, month, weekday] = sets as Set<number>[];
  if (weekday.has(7)) weekday.add(0);
  return { minute, hour, day, month, weekday, anyDay: parts[2] === '*', anyWeekday: parts[4] === '*' };
}

/** Wall clock and weekday (0 = Sunday) of instant `t` in the zone. */
function wall(t: number, tz: string) {
  const w = wallClock(new Date(t), tz);
  return { ...w, weekday: new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() };
}

const minute = 60_000;

/** The first minute strictly after `after` that the expression matches, in zone `tz` (within ~5 years). */
export function nextRun(cron: Cron, after: Date, tz: string): Date | undefined {
  let t = Math.floor(after.getTime() / minute) * minute + minute;
  const limit = t + 5 * 366 * 1440 * minute;
  while (t < limit) {
    const w = wall(t, tz);
    const dayOk =
      cron.anyDay || cron.anyWeekday
        ? cron.day.has(w.day) && cron.weekday.has(w.weekday)
        : cron.day.has(w.day) || cron.weekday.has(w.weekday);
    if (!cron.month.has(w.month) || !dayOk) {
      t += (24 * 60 - (w.hour * 60 + w.minute)) * minute; // next midnight (wall clock)
    } else if (!cron.hour.has(w.hour)) {
      t += (60 - w.minute) * minute;
    } else if (!cron.minute.has(w.minute)) {
      t += minute;
    } else {
      return new Date(t);
    }
  }
  return undefined;
}
