import { type FilterOp, phoneDigits } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { FieldProblem } from '../errors.ts';
import { indexName, q } from '../metadata/sql-names.ts';
import type { FieldType } from './field-type.ts';
import { orderAggregates } from './scalar-ops.ts';

// Full-width digits and brackets come from Chinese input methods.
function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * A phone number as people type it → E.164 (`+8613812345678`), or null when it is not a valid number.
 * Without a `+` it is read as a Chinese number: mobiles, and landlines with their area code (`0531-8888 6666`).
 * The "max" metadata is used because the small one accepts any 11-digit number starting with 1.
 */
export function normalizePhone(text: string): string | null {
  const raw = halfWidth(text).trim();
  if (raw.length < 3 || raw.length > 40 || !/^[+\d\s\-().]+$/.test(raw)) return null;
  const parsed = parsePhoneNumberFromString(raw, 'CN');
  return parsed?.isValid() ? parsed.number : null;
}

export function parsePhone(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') throw new FieldProblem('type');
  const e164 = normalizePhone(String(v));
  if (!e164) throw new FieldProblem('invalidPhone');
  return e164;
}

/**
 * LIKE patterns on E.164 numbers for a fragment as people type it (CUS-3), any of which may match; null when the
 * text is not a phone fragment or has fewer than `minDigits` digits. The digits are compared, not the typing:
 * `138 0642` and `1380642` are the same. A leading `0` is the trunk prefix of the national form (`0532-8688` is how
 * `+86532 8688 …` starts) or just a digit inside the number (`0642` in `138 0642 1234`); `00` may also be the
 * international prefix (`0044 20…` is `+44 20…`); `+` starts an international number.
 */
export function phonePatterns(text: string, op: 'contains' | 'startsWith', minDigits = 1): string[] | null {
  const d = phoneDigits(text);
  if (!d || d.replace('+', '').length < minDigits) return null;
  if (d.startsWith('+')) return [`${d}%`];
  // Prefixes only from the first digits after them on (`0` alone is just a digit, not "every Chinese number").
  const international = /^00[1-9]\d/.test(d) ? [`+${d.slice(2)}%`] : [];
  const national = /^0[1-9]\d/.test(d) ? [`+86${d.slice(1)}%`] : [];
  if (op === 'startsWith') {
    if (international.length) return international;
    return d.startsWith('0') ? [`+86${d.slice(1)}%`] : [`+86${d}%`, `+${d}%`];
  }
  return [...international, ...national, `%${d}%`];
}

const anyLike = (col: RawBuilder<unknown>, patterns: string[]) =>
  sql`(${sql.join(
    patterns.map((p) => sql`${col} like ${p}`),
    sql` or `,
  )})`;

/**
 * Quick search on a phone column: the whole number (any way it is written) or, from four digits on, a part of it.
 * Null when the query cannot be a phone number.
 */
export function phoneSearchCondition(col: RawBuilder<unknown>, text: string): RawBuilder<unknown> | null {
  const e164 = normalizePhone(text);
  const parts = phonePatterns(text, 'contains', 4);
  if (!parts) return e164 ? sql`${col} = ${e164}` : null;
  return e164 ? sql`(${col} = ${e164} or ${anyLike(col, parts)})` : anyLike(col, parts);
}

/**
 * Filter operand of eq/in/…: a whole number is normalised (so `eq 138 1234 5678` matches); anything else is
 * reduced to its digits, without a trunk 0 (`0531` is stored as `+86531…`). Parts of numbers: `phonePatterns`.
 */
export function phoneFilterValue(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') throw new FieldProblem('type');
  const e164 = normalizePhone(String(v));
  if (e164) return e164;
  const digits = phoneDigits(String(v));
  if (!digits) throw new FieldProblem('invalidPhone');
  return digits.length > 1 && digits.startsWith('0') ? digits.slice(1) : digits;
}

const phoneOps: readonly FilterOp[] = [
  'eq',
  'ne',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
];

/**
 * A phone number stored in E.164; indexed because incoming calls are matched on it. A searched phone field also
 * has a trigram index, which serves the parts of numbers that quick search and `contains` look for.
 */
export const phoneField: FieldType = {
  name: 'phone',
  kind: 'text',
  columns: (f) => [{ name: f.column!, sql: 'text', index: 'btree' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parsePhone(v) }),
  format: (row, f) => row[f.column!] ?? null,
  ops: phoneOps,
  filterValue: phoneFilterValue,
  condition: (a) => {
    const col = sql.ref(`${a.alias}.${a.field.column}`);
    if (a.op !== 'contains' && a.op !== 'notContains' && a.op !== 'startsWith') return a.generic(col, 'text', a.value);
    if (typeof a.value !== 'string' && typeof a.value !== 'number') throw new FieldProblem('type');
    const patterns = phonePatterns(String(a.value), a.op === 'startsWith' ? 'startsWith' : 'contains');
    if (!patterns) throw new FieldProblem('invalidPhone');
    const cond = anyLike(col, patterns);
    return a.op === 'notContains' ? sql`not coalesce(${cond}, false)` : cond;
  },
  sortable: true,
  groupable: false,
  aggregates: orderAggregates,
  extraDdl: (f, obj) =>
    f.search && f.column
      ? [
          `create index if not exists ${q(indexName('tx', obj.table, f.column))} on ${q(obj.table)} using gin (${q(f.column)} gin_trgm_ops)`,
        ]
      : [],
  jsonSchema: () => ({
    type: 'string',
    maxLength: 40,
    description: 'phone number; stored as E.164, e.g. +8613812345678',
  }),
};
