import { describe, expect, test } from 'vitest';
import { formatCompact, formatDate, formatMoney, formatNumber } from './format.ts';

describe('Chinese number and date conventions (OPS-5)', () => {
  test('money keeps its exact decimal text, with ¥ and thousands separators', () => {
    expect(formatMoney('1234567.5')).toBe('¥1,234,567.50');
    expect(formatMoney('-0.05')).toBe('-¥0.05');
    expect(formatMoney('12')).toBe('¥12.00');
    expect(formatMoney(null)).toBe('');
  });

  test('large amounts in 万 and 亿 for Chinese, K/M/B for English', () => {
    expect(formatCompact('14845.6', 'zh-CN', '¥')).toBe('¥1.48万');
    expect(formatCompact('250000000', 'zh-CN')).toBe('2.5亿');
    expect(formatCompact('9999', 'zh-CN', '¥')).toBe('¥9,999.00');
    expect(formatCompact('14845.6', 'en-US', '¥')).toBe('¥14.85K');
  });

  test('numbers and dates', () => {
    expect(formatNumber('1234567.891')).toBe('1,234,567.891');
    expect(formatDate('2025-03-09')).toBe('2025-03-09');
  });
});
