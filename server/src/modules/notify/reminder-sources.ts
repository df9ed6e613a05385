import { isOccurrence, nextStart, parseRule, type Series } from '../team/recurrence.ts';
import type { MessageRef } from './messages.ts';

type Rec = Record<string, unknown>;

/** One reminder: which occurrence of the record (its start or due time) and when to fire. */
export interface ReminderAt {
  occurrence: Date;
  fireAt: Date;
}

/**
 * Something users are reminded of (NOTIF-3): how to find a record's next reminder, who gets it and what it says.
 * Events and tasks are built in; other modules (payment plans, approvals) register theirs.
 */
export interface ReminderSource {
  object: string;
  /** Fields whose change moves the reminder. */
  watch: string[];
  /** Does the record ask for a reminder at all (set, and not done)? */
  wanted(r: Rec): boolean;
  /** The first reminder firing at or after `after`. */
  next(r: Rec, after: Date, tz: string): ReminderAt | undefined;
  /** When the reminder of `occurrence` fires now, if the record still has that occurrence and a reminder. */
  at(r: Rec, occurrence: Date, tz: string): Date | undefined;
  recipients(r: Rec): number[];
  message(r: Rec, occurrence: string): { title: MessageRef; body: MessageRef };
}

const minutes = (r: Rec) => (typeof r.reminderMinutes === 'number' ? r.reminderMinutes : null);
const time = (v: unknown) => (typeof v === 'string' && v ? new Date(v) : undefined);
const idOf = (v: unknown) => (v && typeof v === 'object' ? Number((v as { id?: unknown }).id) : Number.NaN);

/** The company's wall clock, "2025-03-04 09:30", for message texts (same in both languages). */
export function wallText(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

function series(r: Rec): Series | undefined {
  const start = time(r.start);
  if (typeof r.rrule !== 'string' || !r.rrule || !start) return undefined;
  const end = time(r.end) ?? new Date(start.getTime() + 3_600_000);
  return { rule: parseRule(r.rrule), start, end, exdates: Array.isArray(r.exdates) ? (r.exdates as string[]) : [] };
}

export const eventReminders = (tz: string): ReminderSource => ({
  object: 'event',
  watch: ['start', 'end', 'reminderMinutes', 'rrule', 'exdates'],
  wanted: (r) => minutes(r) !== null && !!time(r.start),
  next(r, after) {
    const m = minutes(r);
    const start = time(r.start);
    if (m === null || !start) return undefined;
    const s = series(r);
    const occurrence = s ? nextStart(s, new Date(after.getTime() + m * 60_000), tz) : start;
    if (!occurrence) return undefined;
    const fireAt = new Date(occurrence.getTime() - m * 60_000);
    return fireAt >= after ? { occurrence, fireAt } : undefined;
  },
  at(r, occurrence) {
    const m = minutes(r);
    const s = series(r);
    if (m === null) return undefined;
    const ok = s ? isOccurrence(s, occurrence, tz) : time(r.start)?.getTime() === occurrence.getTime();
    return ok ? new Date(occurrence.getTime() - m * 60_000) : undefined;
  },
  recipients: (r) =>
    [idOf(r.owner), ...((r.attendees as unknown[] | undefined) ?? []).map(idOf)].filter((n) => Number.isSafeInteger(n)),
  message: (r, occurrence) => ({
    title: { key: 'notify.reminder.event', params: { title: r.title } },
    body: { key: 'notify.reminder.event.body', params: { title: r.title, at: wallText(occurrence, tz) } },
  }),
});

const closed = new Set(['done', 'cancelled']);

export const taskReminders = (tz: string): ReminderSource => ({
  object: 'task',
  watch: ['dueAt', 'reminderMinutes', 'status'],
  wanted: (r) => minutes(r) !== null && !!time(r.dueAt) && !closed.has(String(r.status)),
  next(r, after) {
    const m = minutes(r);
    const due = time(r.dueAt);
    if (m === null || !due || closed.has(String(r.status))) return undefined;
    const fireAt = new Date(due.getTime() - m * 60_000);
    return fireAt >= after ? { occurrence: due, fireAt } : undefined;
  },
  at(r, occurrence) {
    const m = minutes(r);
    if (m === null || closed.has(String(r.status)) || time(r.dueAt)?.getTime() !== occurrence.getTime())
      return undefined;
    return new Date(occurrence.getTime() - m * 60_000);
  },
  recipients: (r) => [idOf(r.owner)].filter((n) => Number.isSafeInteger(n)),
  message: (r, occurrence) => ({
    title: { key: 'notify.reminder.task', params: { title: r.title } },
    body: { key: 'notify.reminder.task.body', params: { title: r.title, at: wallText(occurrence, tz) } },
  }),
});
