import type { FilterOp } from '@kehu/common';
import { type RawBuilder, sql } from 'kysely';
import { FieldProblem } from '../errors.ts';
import type { ValueKind } from '../fields/field-type.ts';
import type { FieldDef } from '../metadata/types.ts';
import { dateRange } from './relative-dates.ts';

const casts: Record<ValueKind, string> = {
  text: 'text',
  number: 'numeric',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
  id: 'bigint',
  array: 'text[]',
  json: 'jsonb',
  none: 'text',
};

export const castOf = (kind: ValueKind) => casts[kind];

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface GenericArgs {
  expr: RawBuilder<unknown>;
  kind: ValueKind;
  op: FilterOp;
  value: unknown;
  field: FieldDef;
  timezone: string;
  now: Date;
}

/** Coerce one operand with the field type's rules. */
function operand(field: FieldDef, v: unknown): unknown {
  const out = field.impl.filterValue ? field.impl.filterValue(v, field) : v;
  if (!field.impl.filterValue && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    throw new FieldProblem('type');
  }
  // PostgreSQL text cannot hold NUL: such an operand would fail in the database instead of being refused here.
  if (typeof out === 'string' && out.includes('\u0000')) throw new FieldProblem('format');
  return out;
}

function list(field: FieldDef, v: unknown): unknown[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 1000) throw new FieldProblem('format');
  return v.map((x) => operand(field, x));
}

/** The generic condition for scalar and array columns. Values are always bound parameters. */
export function genericCondition(a: GenericArgs): RawBuilder<unknown> {
  const { expr, kind, op, field } = a;
  // Integers (and ids) compare as bigint so that primary-key and b-tree indexes serve `eq` and `in`.
  const castName = kind === 'number' && field.impl.name === 'integer' ? 'bigint' : casts[kind];
  const cast = sql.raw(castName);
  const one = () => sql`${operand(field, a.value)}::${cast}`;
  if (kind === 'array') return arrayCondition(a);
  switch (op) {
    case 'eq':
      return sql`${expr} = ${one()}`;
    case 'ne':
      return sql`${expr} is distinct from ${one()}`;
    case 'lt':
      return sql`${expr} < ${one()}`;
    case 'lte':
      return sql`${expr} <= ${one()}`;
    case 'gt':
      return sql`${expr} > ${one()}`;
    case 'gte':
      return sql`${expr} >= ${one()}`;
    case 'between': {
      const [lo, hi] = Array.isArray(a.value) && a.value.length === 2 ? a.value : [];
      if (lo === undefined || hi === undefined) throw new FieldProblem('format');
      return sql`${expr} between ${operand(field, lo)}::${cast} and ${operand(field, hi)}::${cast}`;
    }
    case 'in':
      return sql`${expr} = any(${list(field, a.value)}::${sql.raw(`${castName}[]`)})`;
    case 'notIn':
      return sql`not coalesce(${expr} = any(${list(field, a.value)}::${sql.raw(`${castName}[]`)}), false)`;
    case 'contains':
    case 'notContains':
    case 'startsWith': {
      const v = operand(field, a.value);
      if (typeof v !== 'string' || v.length === 0) throw new FieldProblem('format');
      const pattern = op === 'startsWith' ? `${likeEscape(v)}%` : `%${likeEscape(v)}%`;
      const cond = sql`${expr}::text ilike ${pattern}`;
      return op === 'notContains' ? sql`not coalesce(${cond}, false)` : cond;
    }
    case 'isEmpty':
      return kind === 'text' ? sql`coalesce(${expr}, '') = ''` : sql`${expr} is null`;
    case 'isNotEmpty':
      return kind === 'text' ? sql`coalesce(${expr}, '') <> ''` : sql`${expr} is not null`;
    case 'within': {
      const { from, to } = dateRange(a.value, a.now, a.timezone);
      if (kind === 'date') return sql`(${expr} >= ${from}::date and ${expr} < ${to}::date)`;
      const tz = a.timezone;
      return sql`(${expr} >= (${from}::timestamp at time zone ${tz}) and ${expr} < (${to}::timestamp at time zone ${tz}))`;
    }
  }
  throw new FieldProblem('format');
}

/** text[] columns (multi-picklists, tags): contains = has any of the values. */
function arrayCondition(a: GenericArgs): RawBuilder<unknown> {
  const { expr, op, field } = a;
  const values = () => (Array.isArray(a.value) ? list(field, a.value) : [operand(field, a.value)]);
  switch (op) {
    case 'contains':
    case 'in':
    case 'eq':
      return sql`${expr} && ${values()}::text[]`;
    case 'notContains':
    case 'notIn':
    case 'ne':
      return sql`not coalesce(${expr} && ${values()}::text[], false)`;
    case 'isEmpty':
      return sql`coalesce(cardinality(${expr}), 0) = 0`;
    case 'isNotEmpty':
      return sql`coalesce(cardinality(${expr}), 0) > 0`;
  }
  throw new FieldProblem('format');
}
