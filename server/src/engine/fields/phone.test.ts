import { describe, expect, test } from 'vitest';
import { normalizePhone, phoneField, phoneFilterValue, phonePatterns } from './phone.field.ts';
import { problemOf, testContext, testField } from './test-context.ts';

const field = testField('phone', { type: 'phone' });
const parse = (v: unknown) => phoneField.parse(v, testContext(field));

describe('phone field', () => {
  test.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['138-1234-5678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
    ['１３８１２３４５６７８', '+8613812345678'],
    ['010-12345678', '+861012345678'],
    ['0531-8888 6666', '+8653188886666'],
    ['(021)12345678', '+862112345678'],
    ['+1 415 555 2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('CUS-2 %s is stored as %s', async (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
    expect(await parse(input)).toEqual({ phone: e164 });
  });

  test.each([
    '12345',
    '1381234567',
    '11111111111',
    '010-1234',
    'abc',
    '138123456789012345',
    'tel:13812345678',
    '+999 123',
  ])('CUS-2 %s is refused as invalidPhone', async (input) => {
    expect(normalizePhone(input)).toBeNull();
    expect(await problemOf(() => parse(input))).toBe('invalidPhone');
  });

  test('CUS-2 a non-text value is a type problem', async () => {
    expect(await problemOf(() => parse({ n: 1 }))).toBe('type');
  });

  test('filter operands: whole numbers normalised, fragments reduced to digits', () => {
    expect(phoneFilterValue('138 1234 5678')).toBe('+8613812345678');
    expect(phoneFilterValue('1234-5678')).toBe('12345678');
    expect(phoneFilterValue('0531')).toBe('531');
    expect(() => phoneFilterValue('abc')).toThrow('invalidPhone');
  });
});

describe('CUS-3 parts of phone numbers', () => {
  test('CUS-3 a fragment becomes LIKE patterns on the E.164 form: national prefix, plain digits, international', () => {
    expect(phonePatterns('0532-8688', 'contains')).toEqual(['+865328688%', '%05328688%']);
    expect(phonePatterns('8688 1234', 'contains')).toEqual(['%86881234%']);
    expect(phonePatterns('138 0642', 'contains')).toEqual(['%1380642%']);
    expect(phonePatterns('000001', 'contains')).toEqual(['%000001%']);
    expect(phonePatterns('0', 'contains')).toEqual(['%0%']);
    expect(phonePatterns('+86 532', 'contains')).toEqual(['+86532%']);
    expect(phonePatterns('0532', 'startsWith')).toEqual(['+86532%']);
    expect(phonePatterns('138', 'startsWith')).toEqual(['+86138%', '+138%']);
    expect(phonePatterns('0044 20', 'startsWith')).toEqual(['+4420%']);
  });

  test('CUS-3 quick search looks for parts from four digits on; other text is no phone', () => {
    expect(phonePatterns('868', 'contains', 4)).toBeNull();
    expect(phonePatterns('客户', 'contains')).toBeNull();
  });
});
