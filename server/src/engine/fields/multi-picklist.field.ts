import type { FilterOp } from '@kehu/common';
import { FieldProblem } from '../errors.ts';
import type { FieldDef } from '../metadata/types.ts';
import { type FieldType, isBlank } from './field-type.ts';
import { assertActive, parseOption } from './picklist.field.ts';

/** Ops on text[] columns; the generic compiler reads contains/in as "has any of". */
export const arrayOps: readonly FilterOp[] = ['contains', 'notContains', 'in', 'notIn', 'isEmpty', 'isNotEmpty'];

export const isEmptyArray = (v: unknown) => isBlank(v) || (Array.isArray(v) && v.length === 0);

/** Options in the order they are declared, so equal sets store equal arrays. */
export function parseOptions(v: unknown, f: FieldDef): string[] {
  const items = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(items) || items.length > 500) throw new FieldProblem('type');
  const chosen = new Set(items.map((x) => parseOption(x, f)));
  return (f.options ?? []).map((o) => o.value).filter((value) => chosen.has(value));
}

/** Several values from a fixed list of options (text[] with a GIN index). */
export const multiPicklistField: FieldType = {
  name: 'multiPicklist',
  kind: 'array',
  columns: (f) => [{ name: f.column!, sql: 'text[]', index: 'gin' }],
  writable: true,
  parse: async (v, ctx) => {
    const values = parseOptions(v, ctx.field);
    await assertActive(values, ctx);
    return { [ctx.field.column!]: values };
  },
  isEmpty: isEmptyArray,
  format: (row, f) => row[f.column!] ?? [],
  ops: arrayOps,
  filterValue: parseOption,
  sortable: false,
  groupable: false,
  aggregates: ['count'],
  jsonSchema: (f) => ({
    type: 'array',
    uniqueItems: true,
    items: { type: 'string', enum: f.options?.map((o) => o.value) ?? [] },
  }),
};
