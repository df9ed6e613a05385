import { pinyin } from 'pinyin-pro';

const han = /\p{Script=Han}/u;

export function hasHan(text: string): boolean {
  return han.test(text);
}

/** Letters and digits only, lower-case: the form pinyin and typed queries are compared in. */
export function compactAscii(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Full pinyin without tones or spaces and pinyin initials of a text: 开乐专用车 → kailezhuanyongche, klzyc.
 * Latin letters and digits are kept as they are in both (3M中国 → 3mzhongguo, 3mzg); ü is typed as v, like
 * Chinese input methods do. Null when the text has no Chinese character (the text itself is searched then).
 */
export function pinyinKeys(text: string): { full: string; initials: string } | null {
  if (!hasHan(text)) return null;
  const chars = [...text.slice(0, 200)];
  const hanChars = chars.filter((c) => han.test(c));
  // One call over the Chinese characters keeps pinyin-pro's word context for polyphones (长安 → chang'an).
  const syllables = pinyin(hanChars.join(''), { toneType: 'none', type: 'array', v: true });
  const aligned = syllables.length === hanChars.length;
  let full = '';
  let initials = '';
  let k = 0;
  let run = '';
  const flush = () => {
    const a = compactAscii(run);
    full += a;
    initials += a;
    run = '';
  };
  for (const c of chars) {
    if (!han.test(c)) {
      run += c;
      continue;
    }
    flush();
    const s = compactAscii(aligned ? syllables[k] : pinyin(c, { toneType: 'none', v: true }));
    k++;
    full += s;
    initials += s.slice(0, 1);
  }
  flush();
  return { full, initials };
}
