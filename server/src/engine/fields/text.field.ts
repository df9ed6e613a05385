import { FieldProblem } from '../errors.ts';
import type { FieldDef } from '../metadata/types.ts';
import { searchableTextColumns, textValues } from '../search/shadow.ts';
import type { FieldType } from './field-type.ts';
import { orderAggregates, textOps } from './scalar-ops.ts';

export function parseText(value: unknown, f: FieldDef, defaultMax: number): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw new FieldProblem('type');
  const text = String(value).trim();
  if (text.length > (f.maxLength ?? defaultMax)) throw new FieldProblem('tooLong');
  return text;
}

/** Single-line text. With `search: 'fuzzy'` it also stores pinyin and bigram shadows for quick search (CUS-3). */
export const textField: FieldType = {
  name: 'text',
  kind: 'text',
  columns: searchableTextColumns,
  writable: true,
  parse: (v, ctx) => textValues(ctx.field, parseText(v, ctx.field, 255)),
  format: (row, f) => row[f.column!] ?? null,
  ops: textOps,
  filterValue: (v) => {
    if (typeof v !== 'string' && typeof v !== 'number') throw new FieldProblem('type');
    return String(v);
  },
  sortable: true,
  groupable: true,
  aggregates: orderAggregates,
  jsonSchema: (f) => ({ type: 'string', maxLength: f.maxLength ?? 255 }),
};

/** Multi-line plain text. */
export const longTextField: FieldType = {
  ...textField,
  name: 'longText',
  parse: (v, ctx) => textValues(ctx.field, parseText(v, ctx.field, 20000)),
  groupable: false,
  jsonSchema: (f) => ({ type: 'string', maxLength: f.maxLength ?? 20000 }),
};
