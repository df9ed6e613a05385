import { sql } from 'kysely';
import { FieldProblem, KehuError } from '../errors.ts';
import { q } from '../metadata/sql-names.ts';
import type { FieldDef, ObjectDef } from '../metadata/types.ts';
import type { FieldType } from './field-type.ts';
import { parseDecimal } from './number.field.ts';
import { numberAggregates, numberOps } from './scalar-ops.ts';

const numericTypes = new Set(['integer', 'decimal', 'money', 'percent']);
const token = /\s*(?:(\d{1,15}(?:\.\d{1,10})?)|([A-Za-z][A-Za-z0-9_]*)|([-+*/()]))/y;
const maxLength = 500;
const maxDepth = 30;

const invalid = () => new FieldProblem('invalidFormula');

/** The column of a numeric field of this object (declared fields only: generated columns may not use others). */
function columnOf(obj: ObjectDef, name: string): string {
  const f = obj.fields.get(name);
  if (!f || 'builtin' in f || !numericTypes.has(f.type) || !f.column) throw invalid();
  return q(f.column);
}

function tokenize(formula: string): string[] {
  if (typeof formula !== 'string' || formula.trim() === '' || formula.length > maxLength) throw invalid();
  const out: string[] = [];
  token.lastIndex = 0;
  while (token.lastIndex < formula.length) {
    if (/^\s*$/.test(formula.slice(token.lastIndex))) break;
    const m = token.exec(formula);
    if (!m) throw invalid();
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

/**
 * `quantity * price - discount` → SQL over this object's columns. Only numbers, + - * /, parentheses and names
 * of numeric fields are understood; identifiers come from metadata, never from the text. Columns are read as
 * numeric (no integer division) and a divisor of zero gives null instead of an error.
 */
export function compileFormula(formula: string, obj: ObjectDef): string {
  const tokens = tokenize(formula);
  let i = 0;
  const peek = () => tokens[i];
  const expr = (depth: number): string => {
    let left = term(depth);
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++];
      left = `(${left} ${op} ${term(depth)})`;
    }
    return left;
  };
  const term = (depth: number): string => {
    let left = factor(depth);
    while (peek() === '*' || peek() === '/') {
      const op = tokens[i++];
      const right = factor(depth);
      left = op === '/' ? `(${left} / nullif(${right}, 0))` : `(${left} * ${right})`;
    }
    return left;
  };
  const factor = (depth: number): string => {
    if (depth > maxDepth) throw invalid();
    const t = tokens[i++];
    if (t === undefined) throw invalid();
    if (t === '-') return `(- ${factor(depth + 1)})`;
    if (t === '+') return factor(depth + 1);
    if (t === '(') {
      const inner = expr(depth + 1);
      if (tokens[i++] !== ')') throw invalid();
      return inner;
    }
    if (/^\d/.test(t)) return t;
    if (/^[A-Za-z]/.test(t)) return `${columnOf(obj, t)}::numeric`;
    throw invalid();
  };
  const out = expr(0);
  if (i !== tokens.length) throw invalid();
  return out;
}

/** For the registry: a bad formula is a declaration error on the `formula` property. */
export function formulaSqlOrThrow(formula: unknown, obj: ObjectDef): string {
  try {
    return compileFormula(formula as string, obj);
  } catch (err) {
    if (err instanceof FieldProblem)
      throw new KehuError('VALIDATION_FAILED', { fields: 'formula' }, { formula: 'invalidFormula' });
    throw err;
  }
}

const resultSql = { integer: 'bigint', decimal: 'numeric(24,4)', money: 'numeric(18,2)', text: 'text' } as const;
const resultOf = (f: FieldDef) => f.resultType ?? 'decimal';

/** The generation expression, rounded and cast to the result type. */
export function generatedExpr(f: FieldDef): string {
  if (!f.formulaSql) throw new Error(`computed field ${f.name} has no compiled formula`);
  const e = f.formulaSql;
  switch (resultOf(f)) {
    case 'integer':
      return `round(${e})::bigint`;
    case 'money':
      return `round(${e}, 2)::numeric(18,2)`;
    case 'text':
      return `(${e})::text`;
    default:
      return `(${e})::numeric(24,4)`;
  }
}

/** A value PostgreSQL computes from other fields of the row (a stored generated column); read-only. */
export const computedField: FieldType = {
  name: 'computed',
  kind: 'number',
  columns: (f) => [{ name: f.column!, sql: resultSql[resultOf(f)], generated: generatedExpr(f) }],
  writable: false,
  parse: () => ({}),
  format(row, f) {
    const v = row[f.column!];
    if (v === null || v === undefined) return null;
    return resultOf(f) === 'integer' ? Number(v) : String(v);
  },
  ops: numberOps,
  filterValue: (v, f) =>
    resultOf(f) === 'text' ? String(v) : parseDecimal(v, { ...f, min: undefined, max: undefined }, 12),
  // A text result compares as text; numbers use the generic numeric comparison.
  condition: (a) =>
    a.generic(sql.ref(`${a.alias}.${a.field.column}`), resultOf(a.field) === 'text' ? 'text' : 'number', a.value),
  sortable: true,
  groupable: false,
  aggregates: numberAggregates,
  jsonSchema: (f) =>
    resultOf(f) === 'integer'
      ? { type: 'integer', readOnly: true, description: `= ${f.formula}` }
      : { type: 'string', readOnly: true, description: `= ${f.formula}` },
};
