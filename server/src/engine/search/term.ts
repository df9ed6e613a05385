import { compactAscii, hasHan, pinyinKeys } from './pinyin.ts';

/** A quick-search query, classified once: which strategy serves it (CUS-3). */
export interface SearchTerm {
  /** Trimmed, at most 100 characters. */
  raw: string;
  /** Lower-cased, without white space: the form of the bigram shadows. */
  compact: string;
  /** Contains Chinese (or other non-ASCII) text: bigrams and pinyin homophones. */
  cjk: boolean;
  /** Only Latin letters and digits: pinyin, initials, prefixes. */
  ascii: boolean;
  /** Number of characters of `compact` (code points). */
  length: number;
  /** cjk: the query's bigrams (or itself when 1–2 characters long). */
  grams: string[];
  /** cjk: its full pinyin (homophone typos: 开了 → kaile finds 开乐). */
  pinyin: string | null;
}

export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Distinct bigrams of a text, or the text itself when shorter than three characters (as `kehu_grams` stores them). */
export function bigrams(compact: string): string[] {
  const chars = [...compact];
  if (chars.length <= 2) return chars.length ? [compact] : [];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

export function parseTerm(q: string): SearchTerm | null {
  const raw = [...q.trim()].slice(0, 100).join('');
  const compact = raw.toLowerCase().replace(/[\s\u3000]+/g, '');
  if (compact === '') return null;
  const cjk = /[^ -~]/.test(compact);
  return {
    raw,
    compact,
    cjk,
    ascii: !cjk && /^[a-z0-9]+$/.test(compact),
    length: [...compact].length,
    grams: cjk ? bigrams(compact) : [],
    pinyin: cjk && hasHan(compact) ? (pinyinKeys(compact)?.full ?? null) : null,
  };
}

export { compactAscii };
