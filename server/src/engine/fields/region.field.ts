import type { FieldDecl, FilterOp } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import { FieldProblem } from '../errors.ts';
import type { FieldDef } from '../metadata/types.ts';
import { type ColumnSpec, type FieldType, isBlank, type Row } from './field-type.ts';
import {
  codesOfLength,
  descendants,
  findByName,
  isPlaceholderCity,
  normalizeRegionCode,
  provinceCodes,
  regionLabel,
  regionNodes,
} from './region-data.ts';

export { regionName, regionTree } from './region-data.ts';

export interface RegionCodes {
  province: string | null;
  city: string | null;
  district: string | null;
}

const parts = ['province', 'city', 'district'] as const;

/** Physical columns of a region stored under `base` (the field's column name, which is not itself a column). */
export const regionColumn = (base: string, part: (typeof parts)[number]) => `${base}_${part}`;

export function regionColumns(base: string): ColumnSpec[] {
  return [
    { name: regionColumn(base, 'province'), sql: 'text', index: 'btree' },
    { name: regionColumn(base, 'city'), sql: 'text', index: 'btree' },
    { name: regionColumn(base, 'district'), sql: 'text' },
  ];
}

const bad = () => new FieldProblem('invalidRegion');

/** 北京, 天津, 上海, 重庆: their "cities" only group districts (市辖区, 县). */
const isMunicipality = (province: string) => descendants(province, 1).every(isPlaceholderCity);

/** One part given as a code or a name; names are looked up among `candidates` (narrowed by the parent). */
function resolvePart(v: unknown, length: 2 | 4 | 6, candidates: () => readonly string[]): string | null {
  if (isBlank(v)) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw new FieldProblem('type');
  const text = String(v).trim();
  if (/^\d+$/.test(text)) {
    const code = normalizeRegionCode(text);
    if (!code || code.length !== length) throw bad();
    return code;
  }
  return findByName(text, candidates()) ?? null;
}

/** A single name of any level ("济南市"), for filters and one-cell imports. */
function anyName(name: string): string | undefined {
  return findByName(name, provinceCodes()) ?? findByName(name, codesOfLength(4)) ?? findByName(name, codesOfLength(6));
}

/**
 * `{ province, city, district }` (codes or names), a code string ("370102", parents derived) or names separated
 * by spaces or slashes → codes that belong to each other. Deeper parts than `level` are dropped.
 */
export function parseRegion(value: unknown, level: FieldDecl['level'] = 'district'): RegionCodes {
  if (typeof value !== 'string') return parseRegionNow(value, level);
  // The same few place names fill thousands of rows of an import: each text is resolved once.
  const key = `${level}|${value}`;
  const hit = parsedTexts.get(key);
  if (hit instanceof FieldProblem) throw hit;
  if (hit) return { ...hit };
  try {
    const codes = parseRegionNow(value, level);
    if (parsedTexts.size >= 10_000) parsedTexts.clear();
    parsedTexts.set(key, codes);
    return { ...codes };
  } catch (err) {
    if (err instanceof FieldProblem) parsedTexts.set(key, err);
    throw err;
  }
}

const parsedTexts = new Map<string, RegionCodes | FieldProblem>();

function parseRegionNow(value: unknown, level: FieldDecl['level']): RegionCodes {
  let input = value;
  if (typeof value === 'number') input = String(value);
  if (typeof input === 'string') {
    const text = input.trim();
    const names = text.split(/[\s/]+/).filter(Boolean);
    if (/^\d+$/.test(text) || names.length === 1) {
      const code = /^\d+$/.test(text) ? normalizeRegionCode(text) : anyName(text);
      if (!code) throw bad();
      input = { [parts[code.length / 2 - 1]]: code };
    } else input = { province: names[0], city: names[1], district: names[2] };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new FieldProblem('type');
  const given = input as Record<string, unknown>;
  if (Object.keys(given).some((k) => !(parts as readonly string[]).includes(k) && k !== 'label'))
    throw new FieldProblem('type');
  const map = regionNodes();
  const province = resolvePart(given.province, 2, provinceCodes);
  let cityInput = given.city;
  let districtInput = given.district;
  // A municipality's city written as its own name (北京市 北京市 朝阳区): the district decides the city.
  if (province && isMunicipality(province) && typeof cityInput === 'string' && !/^\d+$/.test(cityInput.trim())) {
    if (map.get(province)!.name.startsWith(cityInput.trim())) cityInput = null;
  }
  const city = resolvePart(cityInput, 4, () => (province ? descendants(province, 1) : codesOfLength(4)));
  // "北京市 朝阳区": the second name is a district when it is no city of the province.
  if (city === null && !isBlank(cityInput) && isBlank(districtInput) && !/^\d+$/.test(String(cityInput).trim())) {
    districtInput = cityInput;
    cityInput = null;
  }
  const district = resolvePart(districtInput, 6, () =>
    city ? descendants(city, 1) : province ? descendants(province, 2) : codesOfLength(6),
  );
  // A name that was given but not found is an error, not a silently shorter region.
  for (const [input, code] of [
    [given.province, province],
    [cityInput, city],
    [districtInput, district],
  ] as const) {
    if (!isBlank(input) && code === null) throw bad();
  }
  const deepest = district ?? city ?? province;
  if (!deepest) throw bad();
  const derived: RegionCodes = {
    province: deepest.slice(0, 2),
    city: deepest.length >= 4 ? deepest.slice(0, 4) : null,
    district: deepest.length === 6 ? deepest : null,
  };
  if ((province && province !== derived.province) || (city && city !== derived.city)) throw bad();
  if (derived.city && map.get(derived.city)?.parent !== derived.province) throw bad();
  if (derived.district && map.get(derived.district)?.parent !== derived.city) throw bad();
  if (level === 'province') return { province: derived.province, city: null, district: null };
  if (level === 'city') return { ...derived, district: null };
  return derived;
}

export function regionValues(base: string, codes: RegionCodes): Record<string, string | null> {
  return Object.fromEntries(parts.map((p) => [regionColumn(base, p), codes[p]]));
}

export function formatRegion(row: Row, base: string) {
  const codes = Object.fromEntries(parts.map((p) => [p, row[regionColumn(base, p)] ?? null])) as unknown as RegionCodes;
  if (!codes.province && !codes.city && !codes.district) return null;
  return { ...codes, label: regionLabel([codes.province, codes.city, codes.district]) };
}

/** A filter operand: any code or name; its length says which column it is compared with. */
function filterCode(v: unknown): string {
  const c = parseRegion(v);
  return (c.district ?? c.city ?? c.province)!;
}

const levelColumn = (alias: string, base: string, code: string) =>
  sql.ref(`${alias}.${regionColumn(base, parts[code.length / 2 - 1])}`);

/** eq / ne / in / notIn / isEmpty / isNotEmpty on the three region columns. */
export function regionCondition(alias: string, base: string, op: FilterOp, value: unknown): RawBuilder<unknown> {
  const anyOf = (codes: string[]) =>
    sql`(${sql.join(
      codes.map((c) => sql`${levelColumn(alias, base, c)} = ${c}`),
      sql` or `,
    )})`;
  const list = () => {
    if (!Array.isArray(value) || value.length === 0 || value.length > 1000) throw new FieldProblem('format');
    return value.map(filterCode);
  };
  switch (op) {
    case 'eq':
      return anyOf([filterCode(value)]);
    case 'ne':
      return sql`not coalesce(${anyOf([filterCode(value)])}, false)`;
    case 'in':
      return anyOf(list());
    case 'notIn':
      return sql`not coalesce(${anyOf(list())}, false)`;
    case 'isEmpty':
      return sql`${sql.ref(`${alias}.${regionColumn(base, 'province')}`)} is null`;
    case 'isNotEmpty':
      return sql`${sql.ref(`${alias}.${regionColumn(base, 'province')}`)} is not null`;
  }
  throw new FieldProblem('format');
}

export const regionOps: readonly FilterOp[] = ['eq', 'ne', 'in', 'notIn', 'isEmpty', 'isNotEmpty'];

export const regionJsonSchema = {
  type: 'object',
  properties: {
    province: { type: ['string', 'null'], description: '2-digit code or name' },
    city: { type: ['string', 'null'], description: '4-digit code or name' },
    district: { type: ['string', 'null'], description: '6-digit code or name' },
    label: { type: 'string', readOnly: true },
  },
} as const;

const isEmptyRegion = (v: unknown) =>
  isBlank(v) || (typeof v === 'object' && !Array.isArray(v) && parts.every((p) => isBlank((v as Row)[p])));

/** Province / city / district from the national division list, stored as three code columns. */
export const regionField: FieldType = {
  name: 'region',
  kind: 'none',
  columns: (f: FieldDef) => regionColumns(f.column!),
  writable: true,
  parse: (v, ctx) => regionValues(ctx.field.column!, parseRegion(v, ctx.field.level)),
  isEmpty: isEmptyRegion,
  format: (row, f) => formatRegion(row, f.column!),
  ops: regionOps,
  condition: (a) => regionCondition(a.alias, a.field.column!, a.op, a.value),
  // The field's own column does not exist, and the sorter/grouper only know `f.column`.
  sortable: false,
  groupable: false,
  aggregates: ['count'],
  jsonSchema: () => ({
    oneOf: [{ type: 'string', description: 'a division code, e.g. 370102, or names' }, regionJsonSchema],
  }),
};

export { isEmptyRegion };
