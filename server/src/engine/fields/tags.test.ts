import { describe, expect, test } from 'vitest';
import { multiPicklistField } from './multi-picklist.field.ts';
import { tagsField } from './tags.field.ts';
import { problemOf, testContext, testField } from './test-context.ts';

const tags = testField('tags', { type: 'tags' });
const parseTags = async (v: unknown) => (await tagsField.parse(v, testContext(tags))).tags;

describe('tags field', () => {
  test('tags are trimmed, empty ones dropped and duplicates removed ignoring case', async () => {
    expect(await parseTags([' VIP ', 'vip', '重点  客户', '', '重点 客户', 'Vip'])).toEqual(['VIP', '重点 客户']);
  });

  test('a delimited string is read as a list', async () => {
    expect(await parseTags('华东, VIP；重点、VIP')).toEqual(['华东', 'VIP', '重点']);
  });

  test('a tag over 40 characters or more than 50 tags are refused', async () => {
    expect(await problemOf(() => parseTags(['x'.repeat(41)]))).toBe('tooLong');
    expect(await problemOf(() => parseTags(Array.from({ length: 51 }, (_, i) => `t${i}`)))).toBe('tooLarge');
    expect(await parseTags(Array.from({ length: 60 }, (_, i) => `t${i % 50}`))).toHaveLength(50);
    expect(await problemOf(() => parseTags([{}]))).toBe('type');
  });

  test('empty lists are empty', () => {
    expect(tagsField.isEmpty?.([])).toBe(true);
    expect(tagsField.isEmpty?.(['  '])).toBe(true);
    expect(tagsField.isEmpty?.(['a'])).toBe(false);
  });
});

describe('multi-picklist field', () => {
  const options = ['a', 'b', 'c'].map((value) => ({ value, label: { 'zh-CN': value } }));
  const f = testField('colors', { type: 'multiPicklist', options });
  const parse = async (v: unknown) => (await multiPicklistField.parse(v, testContext(f))).colors;

  test('values are checked against the options, deduplicated and kept in option order', async () => {
    expect(await parse(['c', 'a', 'c'])).toEqual(['a', 'c']);
    expect(await problemOf(() => parse(['a', 'z']))).toBe('invalidOption');
    expect(await problemOf(() => parse([1]))).toBe('type');
  });
});
