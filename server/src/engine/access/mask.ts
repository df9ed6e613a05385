import { maskPhone } from '@kehu/common';

/**
 * Partial display of contact data (SEC-14): enough to recognise, not enough to copy a customer list.
 * Phones keep their mobile prefix or area code and last four (`+8613800138000` → `+86138****8000`,
 * `+8653286881234` → `+86532****1234`; `maskPhone`), `sales@example.com` → `s***@example.com`, other text → `张***`.
 */
export function maskValue(v: unknown): unknown {
  if (typeof v !== 'string' || v === '') return v;
  const at = v.indexOf('@');
  if (at > 0) return `${v[0]}***${v.slice(at)}`;
  if (/^\+?[\d\s-]{7,}$/.test(v)) return maskPhone(v);
  return `${[...v][0]}***`;
}
