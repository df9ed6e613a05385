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

/** a + b for decimal text of any scale, exact, keeping the larger scale ("2" + "3" = "5", "1.5" + "2" = "3.5"). */
export function addDecimal(a: string, b: string): string {
  const parse = (s: string) => {
    const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s.trim());
    if (!m) throw new Error(`not a decimal: ${s}`);
    return { neg: m[1] === '-', digits: m[2], frac: m[3] ?? '' };
  };
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.frac.length, y.frac.length);
  const big = (p: ReturnType<typeof parse>) => (p.neg ? -1n : 1n) * BigInt(p.digits + p.frac.padEnd(scale, '0'));
  const total = big(x) + big(y);
  const digits = (total < 0n ? -total : total).toString().padStart(scale + 1, '0');
  const body = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return `${total < 0n ? '-' : ''}${body}`;
}
