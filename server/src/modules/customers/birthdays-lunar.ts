import { LunarMonth, LunarYear, Solar } from 'lunar-typescript';

const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Every way contact.lunarBirthday may name a month (customer.hooks.ts accepts 正月 and 一月, 冬月 and 十一月…). */
const monthNames: Record<number, string[]> = {
  1: ['正', '一'],
  11: ['十一', '冬'],
  12: ['十二', '腊'],
};

export const lunarDayName = (d: number): string =>
  d <= 10
    ? `初${digits[d]}`
    : d < 20
      ? `十${digits[d - 10]}`
      : d === 20
        ? '二十'
        : d < 30
          ? `廿${digits[d - 20]}`
          : '三十';

const cache = new Map<string, Map<string, number>>();

/** Years the lunar tables cover comfortably. */
export const lunarYears = { min: 1901, max: 2099 };

/**
 * The lunar birthday texts (as stored in contact.lunarBirthday) whose celebration falls on each day of a solar
 * month, text → day of month. Customs followed: a birthday in a leap month is kept in the ordinary month of a year
 * without that leap month, and the 30th is kept on the 29th of a short month.
 */
export function lunarBirthdaysOfMonth(year: number, month: number): Map<string, number> {
  const key = `${year}-${month}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = new Map<string, number>();
  // About 20 ms of calendar arithmetic per month, and the answer never changes.
  if (cache.size >= 48) cache.delete(cache.keys().next().value!);
  cache.set(key, out);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  for (let d = 1; d <= days; d++) {
    const lunar = Solar.fromYmd(year, month, d).getLunar();
    const m = Math.abs(lunar.getMonth());
    const leap = lunar.getMonth() < 0;
    const day = lunar.getDay();
    const dayTexts = [lunarDayName(day)];
    if (day === 29 && LunarMonth.fromYm(lunar.getYear(), lunar.getMonth())?.getDayCount() === 29) dayTexts.push('三十');
    const leapMonth = LunarYear.fromYear(lunar.getYear()).getLeapMonth();
    const prefixes = leap ? ['闰'] : leapMonth === m ? [''] : ['', '闰'];
    for (const p of prefixes)
      for (const name of monthNames[m] ?? [digits[m]])
        for (const dt of dayTexts) if (!out.has(`${p}${name}月${dt}`)) out.set(`${p}${name}月${dt}`, d);
  }
  return out;
}
