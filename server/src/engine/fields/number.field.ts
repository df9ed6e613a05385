import { FieldProblem } from '../errors.ts';
import type { FieldDef } from '../metadata/types.ts';
import type { FieldType } from './field-type.ts';
import { numberAggregates, numberOps } from './scalar-ops.ts';

const decimalPattern = /^-?\d{1,15}(\.\d+)?$/;

/** A number given as JSON number or numeric string → exact decimal string with at most `scale` digits. */
export function parseDecimal(value: unknown, f: FieldDef, scale: number): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FieldProblem('type');
    text = String(value);
  } else if (typeof value === 'string') text = value.trim().replace(/,/g, '');
  else throw new FieldProblem('type');
  if (/e/i.test(text)) text = Number(text).toFixed(scale);
  if (!decimalPattern.test(text)) throw new FieldProblem('type');
  const [, frac = ''] = text.split('.');
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) throw new FieldProblem('format');
  const n = Number(text);
  if (f.min !== undefined && n < f.min) throw new FieldProblem('tooSmall');
  if (f.max !== undefined && n > f.max) throw new FieldProblem('tooLarge');
  return text;
}

export function parseInteger(value: unknown, f: FieldDef): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new FieldProblem('type');
  if (f.min !== undefined && n < f.min) throw new FieldProblem('tooSmall');
  if (f.max !== undefined && n > f.max) throw new FieldProblem('tooLarge');
  return n;
}

export const integerField: FieldType = {
  name: 'integer',
  kind: 'number',
  columns: (f) => [{ name: f.column!, sql: 'bigint' }],
  writable: true,
  parse: (v, ctx) => ({ [ctx.field.column!]: parseInteger(v, ctx.field) }),
  format: (row, f) => row[f.column!] ?? null,
  ops: numberOps,
  filterValue: (v, f) => parseInteger(v, { ...f, min: undefined, max: undefined }),
  sortable: true,
  groupable: true,
  aggregates: numberAggregates,
  jsonSchema: (f) => ({ type: 'integer', minimum: f.min, maximum: f.max }),
};

function decimalType(
  name: 'decimal' | 'money' | 'percent',
  defaultScale: number,
  sqlType: (s: number) => string,
): FieldType {
  const scaleOf = (f: FieldDef) => (name === 'money' ? 2 : (f.scale ?? defaultScale));
  return {
    name,
    kind: 'number',
    columns: (f) => [{ name: f.column!, sql: sqlType(scaleOf(f)) }],
    writable: true,
    parse: (v, ctx) => ({ [ctx.field.column!]: parseDecimal(v, ctx.field, scaleOf(ctx.field)) }),
    format: (row, f) => {
      const v = row[f.column!];
      if (v === null || v === undefined) return null;
      return name === 'percent' ? Number(v) : String(v);
    },
    ops: numberOps,
    filterValue: (v, f) => parseDecimal(v, { ...f, min: undefined, max: undefined }, 12),
    sortable: true,
    groupable: true,
    aggregates: numberAggregates,
    jsonSchema: (f) =>
      name === 'percent'
        ? { type: 'number', minimum: f.min ?? 0, maximum: f.max ?? 100 }
        : {
            type: 'string',
            pattern: '^-?\\d+(\\.\\d+)?$',
            description: name === 'money' ? 'CNY, exact decimal with 2 digits' : 'exact decimal',
          },
  };
}

/** Exact decimal, returned as a string. */
export const decimalField = decimalType('decimal', 4, (s) => `numeric(24,${s})`);
/** Money in CNY (yuan with fen), exact, returned as a string like "1234.50". */
export const moneyField = decimalType('money', 2, () => 'numeric(18,2)');
/** Percent 0–100 (limits configurable), returned as a number. */
export const percentField: FieldType = {
  ...decimalType('percent', 2, (s) => `numeric(9,${s})`),
  parse: (v, ctx) => ({
    [ctx.field.column!]: parseDecimal(
      v,
      { ...ctx.field, min: ctx.field.min ?? 0, max: ctx.field.max ?? 100 },
      ctx.field.scale ?? 2,
    ),
  }),
};
