import { locales, type PicklistOption } from '@kehu/common';
import { compactAscii, hasHan, pinyinKeys } from '../search/pinyin.ts';
import { bigrams } from '../search/term.ts';

/** Text compared loosely: width, case, spaces and punctuation aside. */
const compact = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');

function dice(a: string[], b: string[]): number {
  const x = new Set(a);
  const y = new Set(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

/** The characters of `a` appear in `b` in order (直客 in 直接客户). */
function subsequence(a: string, b: string): boolean {
  const bs = [...b];
  let i = 0;
  for (const c of a) {
    while (i < bs.length && bs[i] !== c) i++;
    if (i === bs.length) return false;
    i++;
  }
  return true;
}

const letterPairs = (s: string) => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));

/**
 * How much an office's value looks like an option's label, 0…1: equal, one inside the other (市政环卫 ⊃ 环卫), an
 * abbreviation (直客 → 直接客户), shared characters, or the same sound — by pinyin (还卫 → 环卫, huanwei → 环卫,
 * hw → 环卫).
 */
export function valueSimilarity(raw: string, label: string): number {
  const a = compact(raw);
  const b = compact(label);
  if (!a || !b) return 0;
  if (a === b) return 1;
  const la = [...a].length;
  const lb = [...b].length;
  let s = dice(bigrams(a), bigrams(b));
  if (a.includes(b) || b.includes(a)) s = Math.max(s, 0.6 + (0.3 * Math.min(la, lb)) / Math.max(la, lb));
  if (la >= 2 && subsequence(a, b)) s = Math.max(s, 0.5 + (0.4 * la) / lb);
  const pb = hasHan(b) ? pinyinKeys(b) : null;
  if (pb) {
    const pa = hasHan(a) ? pinyinKeys(a)?.full : compactAscii(a);
    const ia = hasHan(a) ? pinyinKeys(a)?.initials : undefined;
    if (pa && pa === pb.full) s = Math.max(s, 0.9);
    // One character typed with another of a similar sound (还卫 for 环卫): same initials, a character in common.
    else if (ia && ia === pb.initials && la === lb && [...a].some((c) => b.includes(c))) s = Math.max(s, 0.6);
    else if (!hasHan(a) && pa && pa === pb.initials && pa.length >= 2) s = Math.max(s, 0.8);
    else if (pa) s = Math.max(s, 0.8 * dice(letterPairs(pa), letterPairs(pb.full)));
  }
  return Math.min(s, 1);
}

/** Below this, no option is suggested: the user chooses. */
const threshold = 0.5;

/** The option most like a value (labels in every language, and the value itself), or null when none is close. */
export function suggestOption(
  raw: string,
  options: readonly PicklistOption[],
): { value: string; score: number } | null {
  let best: { value: string; score: number } | null = null;
  for (const o of options) {
    const texts = [o.value, ...locales.map((l) => o.label[l]).filter((x): x is string => !!x)];
    const score = Math.max(...texts.map((t) => valueSimilarity(raw, t)));
    if (score >= threshold && (!best || score > best.score)) best = { value: o.value, score };
  }
  return best && { value: best.value, score: Math.round(best.score * 100) / 100 };
}
