import { describe, expect, test } from 'vitest';
import { emailField, normalizeEmail } from './email.field.ts';
import { problemOf, testContext, testField } from './test-context.ts';

const field = testField('email', { type: 'email' });
const parse = (v: unknown) => emailField.parse(v, testContext(field));

describe('email field', () => {
  test.each([
    ['  Wang.Wei@Example.COM ', 'Wang.Wei@example.com'],
    ['sales+cn@kehu.cn', 'sales+cn@kehu.cn'],
    ['li@mail.公司.中国', 'li@mail.公司.中国'],
  ])('CUS-2 %s is stored as %s', async (input, stored) => {
    expect(await parse(input)).toEqual({ email: stored });
  });

  test.each([
    'plain',
    '@example.com',
    'a@b',
    'a@@b.com',
    'a b@example.com',
    'a@example..com',
    '.a@example.com',
    'a@-example.com',
    `${'x'.repeat(65)}@example.com`,
    `a@${'b'.repeat(250)}.com`,
    'a@example.com\nx',
  ])('CUS-2 %j is refused as invalidEmail', async (input) => {
    expect(normalizeEmail(input)).toBeNull();
    expect(await problemOf(() => parse(input))).toBe('invalidEmail');
  });

  test('CUS-2 a non-string is a type problem', async () => {
    expect(await problemOf(() => parse(42))).toBe('type');
  });
});
