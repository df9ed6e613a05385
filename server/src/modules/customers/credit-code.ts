/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and capitals without
 * I, O, S, V, Z) — registering authority, organisation kind, 6-digit division code, 9-character organisation
 * code, and a check character computed with weights 3^i mod 31.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const shape = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Upper case, without spaces or dashes, full-width letters and digits made half-width. */
export function normalizeCreditCode(text: string): string {
  return text.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** The check character for the first 17 characters. */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]) * weights[i];
  return alphabet[(31 - (sum % 31)) % 31];
}

/** Is this (normalised) code well-formed with a correct check character? */
export function isValidCreditCode(code: string): boolean {
  return code.length === 18 && shape.test(code) && creditCodeCheck(code.slice(0, 17)) === code[17];
}
