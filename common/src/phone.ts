/**
 * Phone numbers as people read them (CUS-2). They are stored in E.164 (`+8653286881234`); shown the way Chinese
 * users write them: landlines with the area code and a space in the local number (`0532-8688 1234`,
 * `010-6552 9988`), mobiles in 3-4-4 groups (`138 0642 1234`), 400/800 service numbers as `400-820-8820`, and
 * foreign numbers in international format (`+1 202 555 0123`). Masked values (SEC-14, `+86138****5678`) keep
 * their stars in the same layout (`138 **** 5678`). Anything else is returned as it is.
 */

/** Country calling codes of one and two digits (ITU-T E.164); every other code has three. */
const shortCodes = new Set(
  '1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/** `+8653286881234` → `['86', '53286881234']`; null when the text is not E.164-like (digits, maybe masked). */
export function splitE164(value: string): [country: string, national: string] | null {
  if (!/^\+[1-9][\d*]{4,18}$/.test(value)) return null;
  const d = value.slice(1);
  const n = shortCodes.has(d.slice(0, 1)) ? 1 : shortCodes.has(d.slice(0, 2)) ? 2 : 3;
  if (d.slice(0, n).includes('*')) return null;
  return [d.slice(0, n), d.slice(n)];
}

/** Length of the area code of a Chinese national number (after the trunk 0): 010 and 02x have two digits. */
export function chineseAreaCodeLength(national: string): number {
  return /^(10|2)/.test(national) ? 2 : 3;
}

const isMobile = (national: string) => /^1[\d*]{10}$/.test(national) && !national.startsWith('10');
const isService = (national: string) => /^[48]00[\d*]{7}$/.test(national);

/** A local number (after the area code): 8 digits as 4+4, 7 as 3+4; masked ones keep their last four apart. */
function local(part: string): string | null {
  if (/^\d{8}$/.test(part)) return `${part.slice(0, 4)} ${part.slice(4)}`;
  if (/^\d{7}$/.test(part)) return `${part.slice(0, 3)} ${part.slice(3)}`;
  if (part.includes('*') && /^[\d*]+\d{4}$/.test(part)) return `${part.slice(0, -4)} ${part.slice(-4)}`;
  return null;
}

/** A Chinese national number (without +86), or null when it does not look like a mobile, landline or 400 number. */
function chinese(national: string): string | null {
  const masked = national.includes('*');
  if (isMobile(national)) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  if (isService(national)) return `${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
  if (masked && /^1\d{2}\*+\d{4}$/.test(national))
    return `${national.slice(0, 3)} ${national.slice(3, -4)} ${national.slice(-4)}`;
  if (!/^[1-9]/.test(national)) return null;
  const n = chineseAreaCodeLength(national);
  const rest = local(national.slice(n));
  return rest ? `0${national.slice(0, n)}-${rest}` : null;
}

/** Groups of four from the end (the first one 1–3 digits), the usual international reading of a national number. */
function groups(national: string): string {
  const out: string[] = [];
  for (let end = national.length; end > 0; end -= 4) out.unshift(national.slice(Math.max(0, end - 4), end));
  return out.join(' ');
}

function foreign(country: string, national: string): string {
  // North America (and Russia/Kazakhstan): area code, exchange, line — 202 555 0123.
  if ((country === '1' || country === '7') && /^\d{10}$/.test(national))
    return `+${country} ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  // Taiwan mobiles: 912 345 678.
  if (country === '886' && /^9\d{8}$/.test(national))
    return `+886 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  if (national.includes('*')) return `+${country} ${national.replace(/(\d{4})$/, ' $1')}`;
  return `+${country} ${national.length > 4 ? groups(national) : national}`;
}

/** A stored phone (E.164, possibly masked) as people write it; any other text unchanged. */
export function formatPhone(value: string): string {
  const parts = splitE164(value);
  if (!parts) return value;
  const [country, national] = parts;
  if (country === '86') return chinese(national) ?? value;
  return foreign(country, national);
}

/**
 * Masked form of a phone number (SEC-14): enough to recognise, not enough to call. A Chinese mobile keeps its
 * first three and last four digits (`+86138****5678`), a landline its area code and last four
 * (`+86532****1234`, `+8621****5678`), a foreign number its country code and last four. Other digit strings keep
 * their first three (six after +86) and last four.
 */
export function maskPhone(value: string): string {
  const parts = splitE164(value);
  if (parts && !value.includes('*')) {
    const [country, national] = parts;
    let keep = 0;
    if (country === '86') keep = isMobile(national) || isService(national) ? 3 : chineseAreaCodeLength(national);
    if (national.length - keep >= 5) return `+${country}${national.slice(0, keep)}****${national.slice(-4)}`;
  }
  const keepStart = value.startsWith('+86') ? 6 : 3;
  if (value.length <= keepStart + 4) return `${value.slice(0, 2)}****`;
  return `${value.slice(0, keepStart)}****${value.slice(-4)}`;
}

/**
 * The digits of a phone number or a fragment as typed (`0532-8688`, `138 0642`, full-width digits, `+86 …`), with a
 * leading `+` kept; null when the text holds anything else.
 */
export function phoneDigits(text: string): string | null {
  const half = text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
  const digits = half.replace(/[\s\-().]/g, '');
  return /^\+?\d{1,20}$/.test(digits) ? digits : null;
}
