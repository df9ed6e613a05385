import { describe, expect, test } from 'vitest';
import { compileFormula, computedField, formulaSqlOrThrow } from './computed.field.ts';
import { testField, testObject } from './test-context.ts';

const obj = testObject([
  testField('quantity', { type: 'integer' }),
  testField('unitPrice', { type: 'money' }, 'unit_price'),
  testField('discount', { type: 'percent' }),
  testField('name', { type: 'text' }),
  testField('total', { type: 'computed', formula: 'quantity * unitPrice', resultType: 'money' }),
]);

describe('computed field formulas', () => {
  test('arithmetic over numeric fields compiles to SQL on their columns', () => {
    expect(compileFormula('quantity * unitPrice', obj)).toBe('("quantity"::numeric * "unit_price"::numeric)');
    expect(compileFormula('quantity * unitPrice * (1 - discount / 100)', obj)).toBe(
      '(("quantity"::numeric * "unit_price"::numeric) * (1 - ("discount"::numeric / nullif(100, 0))))',
    );
    expect(compileFormula('-quantity + 2.5', obj)).toBe('((- "quantity"::numeric) + 2.5)');
  });

  test('division by a field is guarded against zero', () => {
    expect(compileFormula('unitPrice / quantity', obj)).toBe(
      '("unit_price"::numeric / nullif("quantity"::numeric, 0))',
    );
  });

  test.each([
    'price; drop table x',
    'quantity; drop table obj_thing',
    'quantity * unitPrice); drop table x; --',
    'unknownField * 2',
    'name * 2',
    'total + 1',
    'id + 1',
    'version * 2',
    'quantity * ',
    '(quantity',
    'quantity)',
    'quantity quantity',
    "quantity || 'x'",
    'pg_sleep(10)',
    'quantity -- comment',
    '1e9',
    '"quantity"',
    '',
    'quantity % 2',
    `${'('.repeat(40)}1${')'.repeat(40)}`,
    'x'.repeat(501),
  ])('%j is refused as invalidFormula', (formula) => {
    expect(() => compileFormula(formula, obj)).toThrow('invalidFormula');
  });

  test('the registry gets a VALIDATION_FAILED error naming the formula', () => {
    expect(() => formulaSqlOrThrow('quantity; drop table x', obj)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED', fields: { formula: 'invalidFormula' } }),
    );
  });

  test('the column is a stored generated column of the result type', () => {
    const f = { ...obj.fields.get('total')!, formulaSql: compileFormula('quantity * unitPrice', obj) };
    expect(computedField.columns(f)).toEqual([
      {
        name: 'total',
        sql: 'numeric(18,2)',
        generated: 'round(("quantity"::numeric * "unit_price"::numeric), 2)::numeric(18,2)',
      },
    ]);
    expect(computedField.writable).toBe(false);
  });
});
