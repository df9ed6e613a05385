import { codesOfLength, isPlaceholderCity, provinceCodes, regionName } from '../../engine/fields/region-data.ts';
import { bigrams } from '../../engine/search/term.ts';

// Longest first, so that 有限责任公司 goes before 公司.
const companyForms = [
  '集团股份有限公司',
  '集团有限责任公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '分公司',
  '总公司',
  '集团',
  '股份',
  '公司',
];
const regionSuffix = /(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|地区|自治州|盟)$/;

let regionWords: string[] | undefined;
let byFirst: Map<string, string[]> | undefined;

/** Region words that start with the first character of `s` (a name is checked many times over). */
function startingWith(s: string): string[] {
  if (!byFirst) {
    byFirst = new Map();
    for (const w of regions()) byFirst.set(w[0], [...(byFirst.get(w[0]) ?? []), w]);
  }
  return byFirst.get(s[0]) ?? [];
}

/** Province and city names with and without their 省/市 suffix (山东省, 山东, 济南市, 济南), longest first. */
function regions(): string[] {
  if (regionWords) return regionWords;
  const words = new Set<string>();
  for (const code of [...provinceCodes(), ...codesOfLength(4)]) {
    if (code.length === 4 && isPlaceholderCity(code)) continue;
    const name = regionName(code)!;
    words.add(name);
    const short = name.replace(/(壮族|回族|维吾尔)?自治区$/, '').replace(regionSuffix, '');
    if (short.length >= 2) words.add(short);
  }
  regionWords = [...words].sort((a, b) => b.length - a.length);
  return regionWords;
}

/**
 * The distinctive part of a company name for duplicate checks (CUS-5): without spaces and punctuation, without
 * place names in front or in brackets, without the company form at the end. 山东省济南市开乐专用车有限公司,
 * 开乐专用车（济南）有限公司 and 济南开乐专用车股份公司 all become 开乐专用车. Falls back to the compacted name
 * when less than two characters would remain.
 */
export function coreName(name: string): string {
  const compact = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000.,，。·・、'"“”‘’\-_/&＆]/g, '');
  let s = compact.replace(/[(（[【]([^)）\]】]*)[)）\]】]/g, (_, inner: string) =>
    regions().includes(inner) ? '' : inner,
  );
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of startingWith(s)) {
      if (s.startsWith(w) && s.length > w.length) {
        s = s.slice(w.length);
        changed = true;
        break;
      }
    }
    for (const form of companyForms) {
      const rest = s.slice(0, -form.length);
      // 有限公司 alone is not 有限 + 公司.
      if (s.endsWith(form) && rest.length >= 2 && !companyForms.some((f) => f.startsWith(rest))) {
        s = rest;
        changed = true;
        break;
      }
    }
    // A branch named after its city: …有限公司济南分公司.
    for (const w of regions()) {
      if (s.endsWith(w) && s.length - w.length >= 2) {
        s = s.slice(0, -w.length);
        changed = true;
        break;
      }
    }
  }
  return [...s].length >= 2 ? s : compact;
}

/** Dice coefficient of two names' character bigrams: 1 for equal names, 0 for nothing in common. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = new Set(bigrams(a));
  const y = new Set(bigrams(b));
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

/**
 * A company's name as it identifies the company on import (CUS-11): the whole name, place names included —
 * 烟台鸿运物流有限公司 and 福州鸿运物流有限公司 are two companies — without what only the typing changes:
 * letter case, full or half width, spaces, punctuation and brackets; 有限责任公司 and 有限公司 are one form.
 */
export function companyNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/有限责任公司/g, '有限公司');
}
