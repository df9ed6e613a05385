import type { FilterOp } from '@kehu/common';
import { FieldProblem } from '../errors.ts';
import type { FieldType } from './field-type.ts';
import { orderAggregates } from './scalar-ops.ts';

const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Labels of letters/digits/hyphens (any script, for 中文.公司 domains), a TLD of at least two letters.
const domainPart = /^([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

/** Trimmed address with a lower-cased domain (the local part may be case-sensitive), or null. */
export function normalizeEmail(text: string): string | null {
  const email = text.trim();
  if (email.length > 254) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1).toLowerCase();
  if (local.length > 64 || !localPart.test(local) || !domainPart.test(domain)) return null;
  return `${local}@${domain}`;
}

export function parseEmail(v: unknown): string {
  if (typeof v !== 'string') throw new FieldProblem('type');
  const email = normalizeEmail(v);
  if (!email) throw new FieldProblem('invalidEmail');
  return email;
}

const emailOps: readonly FilterOp[] = [
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

/** An email address. */
export const emailField: FieldType = {
  name: 'email',
  kind: 'text',
  columns: (f) => [{ name: f.column!, sql: 'text' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parseEmail(v) }),
  format: (row, f) => row[f.column!] ?? null,
  ops: emailOps,
  // Whole addresses are normalised like stored ones; fragments (for contains) pass through trimmed.
  filterValue: (v) => {
    if (typeof v !== 'string') throw new FieldProblem('type');
    return normalizeEmail(v) ?? v.trim();
  },
  sortable: true,
  groupable: false,
  aggregates: orderAggregates,
  jsonSchema: () => ({ type: 'string', format: 'email', maxLength: 254 }),
};
