import { describe, expect, test } from 'vitest';
import { problemOf, testContext, testField } from './test-context.ts';
import { normalizeUrl, urlField } from './url.field.ts';

const field = testField('website', { type: 'url' });
const parse = (v: unknown) => urlField.parse(v, testContext(field));

describe('url field', () => {
  test.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['http://example.com', 'http://example.com/'],
    ['www.example.com', 'https://www.example.com/'],
    ['example.cn/about', 'https://example.cn/about'],
    ['HTTPS://Example.COM', 'https://example.com/'],
  ])('%s is stored as %s', async (input, stored) => {
    expect(await parse(input)).toEqual({ website: stored });
  });

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://example.com',
    '//evil.example.com',
    'https://user:pass@example.com',
    'https://exa mple.com',
    'not a url',
    'http://intranet',
  ])('%s is refused as invalidUrl', async (input) => {
    expect(normalizeUrl(input)).toBeNull();
    expect(await problemOf(() => parse(input))).toBe('invalidUrl');
  });
});
