import { createHash } from 'node:crypto';

const ident = /^[a-z_][a-z0-9_$]*$/;

/** Quote an identifier that the engine derived from validated metadata; anything else is a bug. */
export function q(name: string): string {
  if (!ident.test(name) || name.length > 63) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Index names stay under PostgreSQL's 63-byte limit without colliding. */
export function indexName(prefix: string, table: string, column: string): string {
  const name = `${prefix}_${table}_${column}`;
  if (name.length <= 63) return name;
  return `${prefix}_${createHash('sha1').update(name).digest('hex').slice(0, 20)}`;
}
