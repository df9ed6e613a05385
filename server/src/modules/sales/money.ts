/** Exact money arithmetic on decimal text ("1234.50"): cents as bigint, never floats. */

export function cents(v: unknown): bigint {
  if (v === null || v === undefined || v === '') return 0n;
  const s = String(v).trim();
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = `${m[3] ?? ''}00`;
  // Half-up rounding beyond two digits (sums of weighted amounts may carry more).
  let c = BigInt(m[2]) * 100n + BigInt(frac.slice(0, 2)) + (Number(frac[2] ?? '0') >= 5 ? 1n : 0n);
  if (m[1]) c = -c;
  return c;
}

export function text(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

export function sum(values: unknown[]): string {
  return text(values.reduce<bigint>((s, v) => s + cents(v), 0n));
}

export const add = (a: unknown, b: unknown) => text(cents(a) + cents(b));

/** a / b as a fraction with 4 decimals; null when b is 0. */
export function ratio(a: unknown, b: unknown): number | null {
  const d = cents(b);
  if (d === 0n) return null;
  return Math.round((Number(cents(a)) / Number(d)) * 10_000) / 10_000;
}

/** amount × rate% rounded to cents. */
export function percentOf(amount: unknown, rate: number): string {
  return text((cents(amount) * BigInt(Math.round(rate * 100)) + 5000n) / 10_000n);
}
