import { sql } from 'kysely';
import { FieldProblem } from '../errors.ts';
import { type FieldType, isBlank, type Row } from './field-type.ts';
import {
  formatRegion,
  isEmptyRegion,
  parseRegion,
  regionColumns,
  regionCondition,
  regionJsonSchema,
  regionOps,
  regionValues,
} from './region.field.ts';

const maxStreet = 200;
export const streetColumn = (base: string) => `${base}_street`;

function parseStreet(v: unknown): string | null {
  if (isBlank(v)) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw new FieldProblem('type');
  const street = String(v).replace(/\s+/g, ' ').trim();
  if (street.length > maxStreet) throw new FieldProblem('tooLong');
  return street;
}

/** `{ province, city, district, street }`; the region part follows the region field's rules. */
export function parseAddress(v: unknown, base: string, level?: 'province' | 'city' | 'district') {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FieldProblem('type');
  const { street, label: _label, ...region } = v as Row;
  const hasRegion = !isEmptyRegion(region);
  const codes = hasRegion ? parseRegion(region, level) : { province: null, city: null, district: null };
  return { ...regionValues(base, codes), [streetColumn(base)]: parseStreet(street) };
}

/** A postal address: a region from the division list plus the street part as free text. */
export const addressField: FieldType = {
  name: 'address',
  kind: 'none',
  columns: (f) => [...regionColumns(f.column!), { name: streetColumn(f.column!), sql: 'text' }],
  writable: true,
  parse: (v, ctx) => parseAddress(v, ctx.field.column!, ctx.field.level),
  isEmpty: (v) => isEmptyRegion(v) && (isBlank(v) || isBlank((v as Row).street)),
  format(row, f) {
    const base = f.column!;
    const region = formatRegion(row, base);
    const street = row[streetColumn(base)] ?? null;
    if (!region && !street) return null;
    const label = [region?.label, street].filter(Boolean).join(' ');
    const codes = region ?? { province: null, city: null, district: null };
    return { province: codes.province, city: codes.city, district: codes.district, street, label };
  },
  ops: [...regionOps, 'contains', 'notContains'],
  condition(a) {
    const street = sql.ref(`${a.alias}.${streetColumn(a.field.column!)}`);
    if (a.op === 'isEmpty' || a.op === 'isNotEmpty') {
      // Empty means neither a region nor a street.
      const empty = sql`(${regionCondition(a.alias, a.field.column!, 'isEmpty', null)} and coalesce(${street}, '') = '')`;
      return a.op === 'isEmpty' ? empty : sql`not ${empty}`;
    }
    if (a.op !== 'contains' && a.op !== 'notContains') return regionCondition(a.alias, a.field.column!, a.op, a.value);
    if (typeof a.value !== 'string' || a.value.trim() === '') throw new FieldProblem('format');
    return a.generic(street, 'text', a.value.trim());
  },
  sortable: false,
  groupable: false,
  aggregates: ['count'],
  jsonSchema: () => ({
    ...regionJsonSchema,
    properties: { ...regionJsonSchema.properties, street: { type: ['string', 'null'], maxLength: maxStreet } },
  }),
};
