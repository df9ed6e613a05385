import { describe, expect, test } from 'vitest';
import { testField } from '../fields/test-context.ts';
import { cellInput, zonedIso } from './cell-input.ts';

const tz = 'Asia/Shanghai';
const level = testField('level', {
  type: 'picklist',
  options: [
    { value: 'key', label: { 'zh-CN': '重点', 'en-US': 'Key' } },
    { value: 'normal', label: { 'zh-CN': '普通', 'en-US': 'Normal' } },
  ],
});

describe('CUS-11 cells become pipeline input', () => {
  test('CUS-11 option labels in either language become option values', () => {
    expect(cellInput(level, '重点', tz)).toBe('key');
    expect(cellInput(level, ' normal ', tz)).toBe('normal');
    expect(cellInput(level, '其他', tz)).toBe('其他');
    const multi = testField('m', { type: 'multiPicklist', options: level.options });
    expect(cellInput(multi, '重点、Normal', tz)).toEqual(['key', 'normal']);
  });

  test('CUS-11 dates typed in common forms, Excel dates and serials become ISO dates', () => {
    const d = testField('d', { type: 'date' });
    expect(cellInput(d, '2025/3/7', tz)).toBe('2025-03-07');
    expect(cellInput(d, '2025年3月7日', tz)).toBe('2025-03-07');
    expect(cellInput(d, new Date(Date.UTC(2025, 2, 7)), tz)).toBe('2025-03-07');
    expect(cellInput(d, 45723, tz)).toBe('2025-03-07');
    const dt = testField('t', { type: 'datetime' });
    expect(cellInput(dt, '2025-03-07 09:30', tz)).toBe('2025-03-07T01:30:00.000Z');
    expect(zonedIso(2025, 1, 1, 0, 0, 0, 'UTC')).toBe('2025-01-01T00:00:00.000Z');
  });

  test('CUS-11 numbers, booleans and blanks', () => {
    const money = testField('c', { type: 'money' });
    expect(cellInput(money, '¥1,234.50', tz)).toBe('1234.50');
    expect(cellInput(money, 12.5, tz)).toBe('12.5');
    const b = testField('b', { type: 'boolean' });
    expect([cellInput(b, '是', tz), cellInput(b, 'No', tz), cellInput(b, true, tz)]).toEqual([true, false, true]);
    expect(cellInput(b, '也许', tz)).toBe('也许');
    expect(cellInput(testField('n', { type: 'text' }), '   ', tz)).toBeUndefined();
    expect(cellInput(testField('p', { type: 'phone' }), 13812345678, tz)).toBe('13812345678');
  });

  test('CUS-11 an address cell splits into a region and the street', () => {
    const a = testField('addr', { type: 'address' });
    expect(cellInput(a, '山东省 济南市 历下区 经十路 1 号', tz)).toMatchObject({
      province: '37',
      city: '3701',
      district: '370102',
      street: '经十路 1 号',
    });
    expect(cellInput(a, '某某路 8 号', tz)).toEqual({ street: '某某路 8 号' });
  });
});
