import type { FilterOp } from '@kehu/common';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { FieldProblem } from '../errors.ts';
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
 * Filter operand: a whole number is normalised (so `eq 138 1234 5678` matches); a fragment is reduced to its
 * digits for `contains`, without a trunk 0 (`0531` is stored as `+86531…`).
 */
export function phoneFilterValue(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') throw new FieldProblem('type');
  const text = String(v);
  const e164 = normalizePhone(text);
  if (e164) return e164;
  const digits = halfWidth(text).replace(/[\s\-().]/g, '');
  if (!/^\+?\d{1,20}$/.test(digits)) throw new FieldProblem('invalidPhone');
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

/** A phone number stored in E.164; indexed because incoming calls are matched on it. */
export const phoneField: FieldType = {
  name: 'phone',
  kind: 'text',
  columns: (f) => [{ name: f.column!, sql: 'text', index: 'btree' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parsePhone(v) }),
  format: (row, f) => row[f.column!] ?? null,
  ops: phoneOps,
  filterValue: phoneFilterValue,
  sortable: true,
  groupable: false,
  aggregates: orderAggregates,
  jsonSchema: () => ({
    type: 'string',
    maxLength: 40,
    description: 'phone number; stored as E.164, e.g. +8613812345678',
  }),
};
