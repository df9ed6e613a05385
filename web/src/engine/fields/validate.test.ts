import { describe, expect, test } from 'vitest';
import { fieldMeta } from '../../../test/field-meta.ts';
import type { FieldMeta } from '../metadata.ts';
import { validateField } from './validate.ts';

const field = (type: string, extra: Partial<FieldMeta> = {}) => fieldMeta('f', type, extra);

describe('client-side checks mirror the server (same problem codes)', () => {
  test('required, except booleans, and empty regions count as empty', () => {
    expect(validateField(field('text', { required: true }), '  ')).toBe('required');
    expect(validateField(field('manyToMany', { required: true }), [])).toBe('required');
    expect(validateField(field('region', { required: true }), { province: null, city: null })).toBe('required');
    expect(validateField(field('boolean', { required: true }), false)).toBeUndefined();
    expect(validateField(field('text'), '')).toBeUndefined();
  });

  test('lengths: declared maximum, else the type default', () => {
    expect(validateField(field('text', { maxLength: 5 }), '123456')).toBe('tooLong');
    expect(validateField(field('text'), 'x'.repeat(256))).toBe('tooLong');
    expect(validateField(field('longText'), 'x'.repeat(256))).toBeUndefined();
  });

  test('numbers: integers, money with at most two decimals, ranges', () => {
    expect(validateField(field('integer'), '12.5')).toBe('type');
    expect(validateField(field('integer', { min: 1 }), 0)).toBe('tooSmall');
    expect(validateField(field('money'), '1,234.50')).toBeUndefined();
    expect(validateField(field('money'), '1.234')).toBe('format');
    expect(validateField(field('money'), '1.230')).toBeUndefined();
    expect(validateField(field('decimal', { max: 10 }), '10.5')).toBe('tooLarge');
    expect(validateField(field('percent'), 'abc')).toBe('type');
  });

  test('email, phone (mainland mobiles have 11 digits) and web addresses', () => {
    expect(validateField(field('email'), 'li@example.com')).toBeUndefined();
    expect(validateField(field('email'), 'li@example')).toBe('invalidEmail');
    expect(validateField(field('phone'), '138 0013 8000')).toBeUndefined();
    expect(validateField(field('phone'), '+86 138-0013-8000')).toBeUndefined();
    expect(validateField(field('phone'), '010-62345678')).toBeUndefined();
    expect(validateField(field('phone'), '1380013800')).toBe('invalidPhone');
    expect(validateField(field('phone'), '电话')).toBe('invalidPhone');
    expect(validateField(field('url'), 'www.kehu.cn')).toBeUndefined();
    expect(validateField(field('url'), 'javascript:alert(1)')).toBe('invalidUrl');
  });

  test('picklists accept only their options', () => {
    const f = field('picklist', { options: [{ value: 'a', label: { 'zh-CN': 'A' } }] });
    expect(validateField(f, 'a')).toBeUndefined();
    expect(validateField(f, 'z')).toBe('format');
  });
});
