import { describe, expect, test } from 'vitest';
import { toCsv } from './csv.ts';
import { parsePeriod, periodOf, periodRange, shiftPeriod } from './period.ts';

describe('SAL-5 analysis export and SAL-4 periods', () => {
  test('SAL-5 CSV quotes commas, quotes and line breaks, keeps negative numbers and defuses formulas', () => {
    expect(
      toCsv([
        ['客户', '金额'],
        ['徐州"重工", 有限公司', '-1200.50'],
        ['=HYPERLINK("x")', null],
      ]),
    ).toBe('客户,金额\r\n"徐州""重工"", 有限公司",-1200.50\r\n"\'=HYPERLINK(""x"")",');
    expect(toCsv([['-abc', '@x', 3]])).toBe("'-abc,'@x,3");
  });

  test('SAL-4 periods: month, quarter and year texts, their days, previous and next', () => {
    const d = parsePeriod('2025-05')!.day;
    expect(periodOf('quarter', d)).toBe('2025-Q2');
    expect(periodOf('year', d)).toBe('2025');
    expect(periodRange('2024-Q1')).toEqual(['2024-01-01', '2024-03-31']);
    expect(periodRange('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(periodRange('2025')).toEqual(['2025-01-01', '2025-12-31']);
    expect(shiftPeriod('2025-Q1', -1)).toBe('2024-Q4');
    expect(shiftPeriod('2025-12', 1)).toBe('2026-01');
    expect(shiftPeriod('2025', -1)).toBe('2024');
    expect(parsePeriod('2025-13')).toBeUndefined();
  });
});
