import type { EventInput } from '@fullcalendar/core';
import type { Filter, PicklistOption } from '@kehu/common';
import { isRestricted } from '../../engine/fields/relation-value.ts';
import type { RecordData } from '../../engine/records.ts';
import type { Occurrence, Who } from './team-api.ts';

/** What a calendar entry carries besides its times: the event occurrence or the activity behind it. */
export type EntrySource = { kind: 'event'; occ: Occurrence } | { kind: 'activity'; record: RecordData };

const palette: Record<string, string> = {
  blue: '#1677ff',
  cyan: '#13c2c2',
  geekblue: '#2f54eb',
  green: '#52c41a',
  purple: '#722ed1',
};
const activityDefault = '#8c8c8c';
const minutes = 60_000;

/** An event or one occurrence of a series; only what the server says the viewer may change can be dragged. */
export function eventEntry(o: Occurrence): EventInput {
  return {
    id: `e:${o.key}`,
    title: o.title,
    start: o.start,
    end: o.end,
    allDay: o.allDay === true,
    editable: o.editable,
    classNames: o.recurring ? ['kehu-cal-event', 'kehu-cal-recurring'] : ['kehu-cal-event'],
    extendedProps: { source: { kind: 'event', occ: o } satisfies EntrySource },
  };
}

/** A logged activity (call, visit …) at its time; it moves (its time changes) but has no length to resize. */
export function activityEntry(
  a: RecordData,
  types: PicklistOption[],
  typeLabel: (o: PicklistOption) => string,
): EventInput {
  const type = types.find((o) => o.value === a.type);
  const start = Date.parse(a.time);
  const length = Number(a.duration) > 0 ? Number(a.duration) : 30;
  const color = palette[type?.color ?? ''] ?? activityDefault;
  return {
    id: `a:${a.id}`,
    title: [type ? typeLabel(type) : '', a.subject].filter(Boolean).join(' · '),
    start: new Date(start).toISOString(),
    end: new Date(start + length * minutes).toISOString(),
    allDay: false,
    startEditable: true,
    durationEditable: false,
    backgroundColor: color,
    borderColor: color,
    classNames: ['kehu-cal-activity'],
    extendedProps: { source: { kind: 'activity', record: a } satisfies EntrySource },
  };
}

/**
 * Activities shown beside the events, for the same people: the calendar route chooses whose events; activities are
 * listed through the generic query with the matching owner filter (the server's scope still limits both).
 */
export function activityOwnerFilter(who: Who, me: { id: number; department?: { id: number } | null }): Filter | null {
  if (who === 'all') return null;
  if (who === 'me' || who === '') return { field: 'owner', op: 'eq', value: me.id };
  if (who === 'department')
    return me.department
      ? { field: 'owner.department', op: 'eq', value: me.department.id }
      : { field: 'owner', op: 'eq', value: me.id };
  return { field: 'owner', op: 'in', value: who.split(',').map(Number) };
}

/** The activities filter for a window [from, to) and the chosen people. */
export function activityWindow(from: string, to: string, owner: Filter | null): Filter {
  const and: Filter[] = [
    { field: 'time', op: 'gte', value: from },
    { field: 'time', op: 'lt', value: to },
  ];
  if (owner) and.push(owner);
  return { and };
}

/** Where a moved entry lands: an end is always sent (FullCalendar drops it when the length is the default). */
export function movedTimes(start: Date, end: Date | null, allDay: boolean): { start: string; end: string } {
  const fallback = allDay ? 24 * 60 * minutes : 60 * minutes;
  return { start: start.toISOString(), end: (end ?? new Date(start.getTime() + fallback)).toISOString() };
}

/** Records an entry links to, for the click dialog (customer, contact, opportunity, the event's series …). */
export function linksOf(
  r: Record<string, unknown>,
): Array<{ field: string; id: number; label: string; restricted: boolean }> {
  const out: Array<{ field: string; id: number; label: string; restricted: boolean }> = [];
  for (const field of ['customer', 'contact', 'opportunity']) {
    const v = r[field] as { id?: number; label?: string | null } | null | undefined;
    if (v?.id) out.push({ field, id: v.id, label: v.label ?? `#${v.id}`, restricted: isRestricted(v) });
  }
  return out;
}

/** The start of working hours, where the day and week views open. */
export const workdayStart = 8;

/**
 * Where a day or week view opens (TEAM-1): at the start of working hours, or at the hour of the first timed entry
 * inside the view if that is earlier (an early departure is not hidden above the fold). Local time, as shown.
 */
export function openingTime(entries: readonly EventInput[], from: Date, to: Date, workday = workdayStart): string {
  let hour = workday;
  for (const e of entries) {
    if (e.allDay || e.start === undefined || e.start === null) continue;
    const start = new Date(e.start as string | number | Date);
    if (Number.isNaN(start.getTime()) || start < from || start >= to) continue;
    hour = Math.min(hour, start.getHours());
  }
  return `${String(hour).padStart(2, '0')}:00:00`;
}
