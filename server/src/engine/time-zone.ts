/**
 * Wall-clock time in a time zone (the company's). Spreadsheets, recurrence rules, report periods and alert
 * schedules are wall-clock concepts; they are computed on "floating" dates (the wall clock written as UTC) and
 * turned back into instants here.
 */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a formatter is slow and cron/recurrence loops call this often: one per zone.
const formats = new Map<string, Intl.DateTimeFormat>();

function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(tz, f);
  }
  return f;
}

/** Wall-clock parts of an instant in the zone. */
export function wallClock(at: Date, tz: string): WallClock {
  const p: Record<string, number> = {};
  for (const x of format(tz).formatToParts(at)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** Offset of the zone from UTC at instant `t`, in milliseconds. */
function offset(t: number, tz: string): number {
  const p = wallClock(new Date(t), tz);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(t / 1000) * 1000;
}

/** Instant → its wall clock as a floating date. */
export function toWall(d: Date, tz: string): Date {
  return new Date(d.getTime() + offset(d.getTime(), tz));
}

/** Floating wall-clock date → the instant (the earlier one when the clock repeats). */
export function fromWall(wall: Date, tz: string): Date {
  const guess = wall.getTime() - offset(wall.getTime(), tz);
  return new Date(wall.getTime() - offset(guess, tz));
}
