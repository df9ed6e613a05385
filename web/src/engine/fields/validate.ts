import type { FieldMeta } from '../metadata.ts';

/**
 * Client-side checks that mirror the server's field parsers (same problem codes), so most mistakes show
 * before a round trip. The server stays the authority: its field errors are shown the same way.
 */
export type Problem =
  | 'required'
  | 'tooLong'
  | 'tooSmall'
  | 'tooLarge'
  | 'format'
  | 'type'
  | 'invalidEmail'
  | 'invalidPhone'
  | 'invalidUrl';

const emailPattern =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;
const decimalPattern = /^-?\d{1,15}(\.\d+)?$/;
const textMax: Partial<Record<string, number>> = { text: 255, longText: 20000, email: 254, url: 2000, phone: 40 };

export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('province' in o || 'street' in o) return !o.province && !o.city && !o.district && !o.street;
  }
  return false;
}

function checkNumber(f: FieldMeta, v: unknown, scale: number): Problem | undefined {
  const text = String(v).trim().replace(/,/g, '');
  if (f.type === 'integer' ? !/^-?\d+$/.test(text) : !decimalPattern.test(text)) return 'type';
  const frac = text.split('.')[1] ?? '';
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) return 'format';
  const n = Number(text);
  if (f.min !== undefined && n < f.min) return 'tooSmall';
  if (f.max !== undefined && n > f.max) return 'tooLarge';
  return undefined;
}

/** Phone numbers: digits with an optional +, separators allowed; mainland mobiles need 11 digits starting with 1. */
export function checkPhone(v: string): boolean {
  const digits = v.replace(/[\s\-().]/g, '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^\+?\d{3,20}$/.test(digits)) return false;
  const national = digits.replace(/^\+?86/, '');
  if (/^1/.test(national) && !digits.startsWith('+') && national.length !== 11) return false;
  return true;
}

export function checkUrl(v: string): boolean {
  const raw = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`;
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The problem with a form value, or undefined. */
export function validateField(f: FieldMeta, v: unknown): Problem | undefined {
  if (isEmptyValue(v)) return f.required && f.type !== 'boolean' ? 'required' : undefined;
  const max = f.maxLength ?? textMax[f.type];
  if (typeof v === 'string' && max !== undefined && v.trim().length > max) return 'tooLong';
  switch (f.type) {
    case 'integer':
      return checkNumber(f, v, 0);
    case 'decimal':
      return checkNumber(f, v, 6);
    case 'money':
    case 'percent':
      return checkNumber(f, v, f.type === 'money' ? 2 : 4);
    case 'email':
      return emailPattern.test(String(v).trim()) ? undefined : 'invalidEmail';
    case 'phone':
      return checkPhone(String(v).trim()) ? undefined : 'invalidPhone';
    case 'url':
      return checkUrl(String(v).trim()) ? undefined : 'invalidUrl';
    case 'picklist':
      return f.options && !f.options.some((o) => o.value === v) ? 'format' : undefined;
    default:
      return undefined;
  }
}
