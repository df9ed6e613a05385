import { describe, expect, test } from 'vitest';
import { activityEntry, activityOwnerFilter, eventEntry, movedTimes, openingTime } from './calendar-sources.ts';
import { keyFilter, statsFilter } from './expense-stats-data.ts';
import type { Occurrence } from './team-api.ts';

const occurrence = (o: Partial<Occurrence>): Occurrence => ({
  key: '7',
  eventId: 7,
  title: '周例会',
  start: '2025-03-03T01:00:00.000Z',
  end: '2025-03-03T02:00:00.000Z',
  recurring: false,
  originalStart: null,
  editable: true,
  ...o,
});

describe('TEAM-1 calendar entries', () => {
  test('TEAM-1 an occurrence of a series keeps its own key; only what the server allows can be dragged', () => {
    const e = eventEntry(occurrence({ key: '7@2025-03-10T01:00:00.000Z', recurring: true, editable: false }));
    expect(e).toMatchObject({ id: 'e:7@2025-03-10T01:00:00.000Z', editable: false, title: '周例会' });
    expect(e.classNames).toContain('kehu-cal-recurring');
  });

  test('TEAM-2 an activity sits at its time for its duration (30 minutes when none), titled by type and subject', () => {
    const types = [{ value: 'visit', label: { 'zh-CN': '拜访', 'en-US': 'Visit' }, color: 'green' }];
    const a = activityEntry(
      { id: 3, version: 1, type: 'visit', subject: '拜访华宇', time: '2025-03-03T06:00:00.000Z' },
      types,
      (o) => o.label['zh-CN'],
    );
    expect(a).toMatchObject({ title: '拜访 · 拜访华宇', end: '2025-03-03T06:30:00.000Z', durationEditable: false });
  });

  test('TEAM-1 whose activities: me, my department (through the owner), everyone, chosen people', () => {
    const me = { id: 5, department: { id: 2 } };
    expect(activityOwnerFilter('me', me)).toEqual({ field: 'owner', op: 'eq', value: 5 });
    expect(activityOwnerFilter('department', me)).toEqual({ field: 'owner.department', op: 'eq', value: 2 });
    expect(activityOwnerFilter('department', { id: 5 })).toEqual({ field: 'owner', op: 'eq', value: 5 });
    expect(activityOwnerFilter('all', me)).toBeNull();
    expect(activityOwnerFilter('5,9', me)).toEqual({ field: 'owner', op: 'in', value: [5, 9] });
  });

  test('TEAM-1 a move always sends an end: an hour later, or a day for all-day entries', () => {
    const start = new Date('2025-03-03T01:00:00.000Z');
    expect(movedTimes(start, null, false).end).toBe('2025-03-03T02:00:00.000Z');
    expect(movedTimes(start, null, true).end).toBe('2025-03-04T01:00:00.000Z');
  });
});

describe('TEAM-6 expense statistics filters', () => {
  test('TEAM-6 a bar opens the expenses behind it: a month becomes a date range, a person their id', () => {
    expect(keyFilter('date:month', '2025-12-01')).toEqual({
      and: [
        { field: 'date', op: 'gte', value: '2025-12-01' },
        { field: 'date', op: 'lt', value: '2026-01-01' },
      ],
    });
    expect(keyFilter('owner', { id: 4, label: '小李' })).toEqual({ field: 'owner', op: 'eq', value: 4 });
    expect(keyFilter('customer', null)).toEqual({ field: 'customer', op: 'isEmpty' });
    expect(statsFilter('all', 'all')).toBeUndefined();
    expect(statsFilter('thisMonth', 'approved')).toEqual({
      and: [
        { field: 'date', op: 'within', value: 'thisMonth' },
        { field: 'status', op: 'in', value: ['approved', 'paid'] },
      ],
    });
  });
});

describe('TEAM-1 the day and week views open at working hours', () => {
  const day = (h: number, m = 0) => new Date(2025, 2, 3, h, m).toISOString();
  const from = new Date(2025, 2, 3);
  const to = new Date(2025, 2, 10);
  test('TEAM-1 at 08:00 when nothing is earlier; at the first timed entry when it is', () => {
    expect(openingTime([], from, to)).toBe('08:00:00');
    expect(openingTime([{ start: day(9) }, { start: day(14) }], from, to)).toBe('08:00:00');
    expect(openingTime([{ start: day(9) }, { start: day(6, 30) }], from, to)).toBe('06:00:00');
  });

  test('TEAM-1 all-day entries and entries outside the view do not pull it to midnight', () => {
    expect(openingTime([{ start: day(0), allDay: true }], from, to)).toBe('08:00:00');
    expect(openingTime([{ start: new Date(2025, 2, 2, 5).toISOString() }], from, to)).toBe('08:00:00');
  });
});
