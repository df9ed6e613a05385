/**
 * Partial display of contact data (SEC-14): enough to recognise, not enough to copy a customer list.
 * `+8613800138000` → `+86138****8000`, `sales@example.com` → `s***@example.com`, other text → `张***`.
 */
export function maskValue(v: unknown): unknown {
  if (typeof v !== 'string' || v === '') return v;
  const at = v.indexOf('@');
  if (at > 0) return `${v[0]}***${v.slice(at)}`;
  if (/^\+?[\d\s-]{7,}$/.test(v)) {
    const keepEnd = 4;
    const keepStart = v.startsWith('+86') ? 6 : 3;
    if (v.length <= keepStart + keepEnd) return `${v.slice(0, 2)}****`;
    return `${v.slice(0, keepStart)}****${v.slice(-keepEnd)}`;
  }
  return `${[...v][0]}***`;
}
