import dayjs from 'dayjs';

/** Phones as Chinese users write them (0532-8688 1234, 138 0642 1234); one implementation for server and web. */
export { formatPhone } from '@kehu/common';

/** Chinese conventions: ¥ with thousands separators, 万/亿 for large amounts in summaries, ISO-style dates. */

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "1234567.5" → "¥1,234,567.50" (money arrives as a decimal string; never through float arithmetic). */
export function formatMoney(v: unknown, symbol = '¥'): string {
  if (v === null || v === undefined || v === '') return '';
  const s = String(v);
  const neg = s.startsWith('-');
  const [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  return `${neg ? '-' : ''}${symbol}${group(int)}.${(frac + '00').slice(0, 2)}`;
}

/** Compact amounts for subtotals and cards: 12,345 → 1.23万, 123,456,789 → 1.23亿 (Chinese UI); 12.3K in English. */
export function formatCompact(v: unknown, locale: string, symbol = ''): string {
  if (v === null || v === undefined || v === '') return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  const abs = Math.abs(n);
  const fmt = (x: number) => (Math.round(x * 100) / 100).toString();
  if (locale === 'zh-CN') {
    if (abs >= 1e8) return `${symbol}${fmt(n / 1e8)}亿`;
    if (abs >= 1e4) return `${symbol}${fmt(n / 1e4)}万`;
  } else {
    if (abs >= 1e9) return `${symbol}${fmt(n / 1e9)}B`;
    if (abs >= 1e6) return `${symbol}${fmt(n / 1e6)}M`;
    if (abs >= 1e4) return `${symbol}${fmt(n / 1e3)}K`;
  }
  return symbol ? formatMoney(n.toFixed(2), symbol) : formatNumber(n);
}

export function formatNumber(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  const s = String(v);
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  return `${neg ? '-' : ''}${group(int)}${frac ? `.${frac}` : ''}`;
}

export function formatPercent(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  return `${formatNumber(v)}%`;
}

export function formatDate(v: unknown): string {
  if (!v) return '';
  const d = dayjs(String(v));
  return d.isValid() ? d.format('YYYY-MM-DD') : String(v);
}

export function formatDatetime(v: unknown): string {
  if (!v) return '';
  const d = dayjs(String(v));
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : String(v);
}

export function formatFileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
