import { describe, expect, test } from 'vitest';
import { lunarBirthdaysOfMonth, lunarDayName } from './birthdays-lunar.ts';

describe("CUS-10 lunar birthdays on this year's solar calendar", () => {
  test('CUS-10 lunar day names as people write them', () => {
    expect([1, 10, 11, 19, 20, 21, 29, 30].map(lunarDayName)).toEqual([
      '初一',
      '初十',
      '十一',
      '十九',
      '二十',
      '廿一',
      '廿九',
      '三十',
    ]);
  });

  test('CUS-10 festivals land on their known solar dates, under every accepted month name', () => {
    // 2026: Lantern Festival 3 March, Laba (腊月初八 of lunar 2025) 26 January; 2025: 端午 31 May.
    const march = lunarBirthdaysOfMonth(2026, 3);
    expect(march.get('正月十五')).toBe(3);
    expect(march.get('一月十五')).toBe(3);
    expect(lunarBirthdaysOfMonth(2026, 1).get('腊月初八')).toBe(26);
    expect(lunarBirthdaysOfMonth(2026, 1).get('十二月初八')).toBe(26);
    expect(lunarBirthdaysOfMonth(2025, 5).get('五月初五')).toBe(31);
  });

  test('CUS-10 a leap-month birthday is kept in the ordinary month when the year has no such leap month', () => {
    // 2025 has a leap sixth month: 六月十五 is 9 July, 闰六月十五 is 8 August.
    expect(lunarBirthdaysOfMonth(2025, 7).get('六月十五')).toBe(9);
    expect(lunarBirthdaysOfMonth(2025, 7).has('闰六月十五')).toBe(false);
    expect(lunarBirthdaysOfMonth(2025, 8).get('闰六月十五')).toBe(8);
    // 2024 has none: 闰六月十五 is kept on 六月十五, 20 July.
    expect(lunarBirthdaysOfMonth(2024, 7).get('闰六月十五')).toBe(20);
  });

  test('CUS-10 the 30th is kept on the 29th of a short lunar month', () => {
    for (let m = 1; m <= 12; m++) {
      const map = lunarBirthdaysOfMonth(2026, m);
      for (const [text, day] of map) {
        if (!text.endsWith('三十')) continue;
        const short = text.replace('三十', '廿九');
        if (map.get(short) === day) return;
      }
    }
    throw new Error('no short month in 2026');
  });
});
