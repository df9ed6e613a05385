import { createRequire } from 'node:module';
import type * as RRuleTypes from 'rrule';
import { FieldProblem } from '../../engine/errors.ts';
import { fromWall, toWall } from '../../engine/time-zone.ts';

// rrule ships CommonJS for Node and an ES build for bundlers: load the CommonJS one everywhere (tsx, Vitest, Node).
const { RRule } = createRequire(import.meta.url)('rrule') as typeof RRuleTypes;

/** At most this many occurrences in a series, and a series spans at most this long (a rule must end). */
export const maxCount = 1000;
const maxSpanMs = 10 * 366 * 86_400_000;

const day = /^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$/;
const intIn = (min: number, max: number) => (v: string) =>
  /^[+-]?\d{1,4}$/.test(v) && Number(v) >= min && Number(v) <= max && Number(v) !== 0;
const list = (ok: (v: string) => boolean) => (v: string) => v.split(',').every(ok);

/** The parts of RRULE this calendar understands; anything else is refused rather than ignored. */
const parts: Record<string, (v: string) => boolean> = {
  FREQ: (v) => ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(v),
  INTERVAL: intIn(1, 999),
  COUNT: intIn(1, maxCount),
  UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v),
  BYDAY: list((v) => day.test(v)),
  BYMONTHDAY: list(intIn(-31, 31)),
  BYMONTH: list(intIn(1, 12)),
  BYSETPOS: list(intIn(-366, 366)),
  WKST: (v) => ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].includes(v),
};

export interface Rule {
  /** Normalised text, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10. */
  text: string;
  map: Record<string, string>;
}

/** Parse and check a rule's syntax. Throws FieldProblem: invalidRecurrence, or recurrenceUnbounded (no COUNT/UNTIL). */
export function parseRule(input: string): Rule {
  const raw = input
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  const map: Record<string, string> = {};
  for (const part of raw.split(';')) {
    const m = /^([A-Z]+)=([A-Z0-9,+-]+)$/.exec(part);
    if (m?.[1] === 'COUNT' && /^\d{1,9}$/.test(m[2]) && Number(m[2]) > maxCount)
      throw new FieldProblem('recurrenceUnbounded');
    if (!m || !parts[m[1]] || m[1] in map || !parts[m[1]](m[2])) throw new FieldProblem('invalidRecurrence');
    map[m[1]] = m[2];
  }
  if (!map.FREQ) throw new FieldProblem('invalidRecurrence');
  if (map.COUNT && map.UNTIL) throw new FieldProblem('invalidRecurrence');
  if (!map.COUNT && !map.UNTIL) throw new FieldProblem('recurrenceUnbounded');
  return {
    text: Object.entries(map)
      .map(([k, v]) => `${k}=${v}`)
      .join(';'),
    map,
  };
}

/** UNTIL as a floating wall-clock date: UTC instants converted, a bare date meaning the whole of that day. */
function untilWall(v: string, tz: string): Date {
  const d = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  if (v.length === 8) return new Date(`${d}T23:59:59Z`);
  const t = new Date(`${d}T${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}Z`);
  return v.endsWith('Z') ? toWall(t, tz) : t;
}

function build(rule: Rule, start: Date, tz: string) {
  const { until: _u, ...opts } = RRule.parseString(rule.text.replace(/;?UNTIL=[^;]*/, ''));
  return new RRule({
    ...opts,
    dtstart: toWall(start, tz),
    until: rule.map.UNTIL ? untilWall(rule.map.UNTIL, tz) : null,
  });
}

export interface Series {
  rule: Rule;
  start: Date;
  end: Date;
  /** Starts (ISO instants) taken out of the series. */
  exdates?: readonly string[];
}

/** Check a rule against its first occurrence; returns the end of the last occurrence. */
export function checkSeries(rule: Rule, start: Date, end: Date, tz: string): Date {
  const r = build(rule, start, tz);
  if (rule.map.UNTIL && untilWall(rule.map.UNTIL, tz).getTime() - toWall(start, tz).getTime() > maxSpanMs)
    throw new FieldProblem('recurrenceUnbounded');
  let last: Date | undefined;
  let n = 0;
  r.all((d) => {
    last = d;
    return ++n < maxCount * 4;
  });
  if (!last) throw new FieldProblem('invalidRecurrence');
  const lastStart = fromWall(last, tz);
  if (lastStart.getTime() - start.getTime() > maxSpanMs) throw new FieldProblem('recurrenceUnbounded');
  return new Date(lastStart.getTime() + (end.getTime() - start.getTime()));
}

/** Occurrences of a series overlapping [from, to), exceptions left out. */
export function occurrences(s: Series, from: Date, to: Date, tz: string): Array<{ start: Date; end: Date }> {
  const duration = s.end.getTime() - s.start.getTime();
  const skip = new Set((s.exdates ?? []).map((x) => Date.parse(x)));
  const r = build(s.rule, s.start, tz);
  // Look a little wider than the window in wall-clock terms (zone offsets), then keep exact overlaps.
  const wideFrom = new Date(toWall(from, tz).getTime() - duration - 86_400_000);
  const wideTo = new Date(toWall(to, tz).getTime() + 86_400_000);
  const out: Array<{ start: Date; end: Date }> = [];
  for (const wall of r.between(wideFrom, wideTo, true, (_d, i) => i < maxCount * 4)) {
    const start = fromWall(wall, tz);
    const end = new Date(start.getTime() + duration);
    const overlaps = duration === 0 ? start >= from && start < to : start < to && end > from;
    if (overlaps && !skip.has(start.getTime())) out.push({ start, end });
  }
  return out;
}

/** Is `at` the start of one of the series' occurrences (exceptions count as gone)? */
export function isOccurrence(s: Series, at: Date, tz: string): boolean {
  return occurrences(s, at, new Date(at.getTime() + 1), tz).some((o) => o.start.getTime() === at.getTime());
}

/** The first occurrence starting at or after `after`, if any. */
export function nextStart(s: Series, after: Date, tz: string): Date | undefined {
  const r = build(s.rule, s.start, tz);
  const skip = new Set((s.exdates ?? []).map((x) => Date.parse(x)));
  let found: Date | undefined;
  r.all((wall) => {
    const start = fromWall(wall, tz);
    if (start >= after && !skip.has(start.getTime())) {
      found = start;
      return false;
    }
    return true;
  });
  return found;
}
