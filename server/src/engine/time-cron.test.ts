import { describe, expect, test } from 'vitest';
import { nextRun, parseCron } from './time-cron.ts';

const tz = 'Asia/Shanghai';
const next = (expr: string, after: string) => nextRun(parseCron(expr)!, new Date(after), tz)?.toISOString();

describe('TEAM-5 alert schedules (cron)', () => {
  test('TEAM-5 daily, weekly and custom schedules run at the company’s wall-clock time', () => {
    // 08:00 in Shanghai is 00:00 UTC.
    expect(next('0 8 * * *', '2025-03-04T00:00:00Z')).toBe('2025-03-05T00:00:00.000Z');
    expect(next('0 8 * * *', '2025-03-03T23:59:00Z')).toBe('2025-03-04T00:00:00.000Z');
    // 2025-03-04 is a Tuesday: the next Monday 08:00 is the 10th.
    expect(next('0 8 * * 1', '2025-03-04T01:00:00Z')).toBe('2025-03-10T00:00:00.000Z');
    expect(next('*/30 9-18 * * 1-5', '2025-03-07T10:40:00Z')).toBe('2025-03-10T01:00:00.000Z');
    expect(next('15 10 1 * *', '2025-01-31T12:00:00Z')).toBe('2025-02-01T02:15:00.000Z');
    // Day of month or weekday, as in cron: the 13th or any Friday.
    expect(next('0 0 13 * 5', '2025-06-01T00:00:00Z')).toBe('2025-06-05T16:00:00.000Z');
    expect(next('0 0 * * 7', '2025-06-01T00:00:00Z')).toBe('2025-06-07T16:00:00.000Z');
    expect(nextRun(parseCron('0 0 30 2 *')!, new Date('2025-01-01T00:00:00Z'), tz)).toBeUndefined();
  });

  test('TEAM-5 invalid expressions are refused', () => {
    for (const bad of [
      '',
      '* * * *',
      '60 * * * *',
      '* 24 * * *',
      '* * 0 * *',
      '* * * 13 *',
      '* * * * 8',
      '5-1 * * * *',
      'a * * * *',
      '*/0 * * * *',
    ])
      expect(parseCron(bad), bad).toBeUndefined();
    expect(parseCron('0,30 8-18/2 1,15 */3 1-5')).toBeDefined();
  });
});
