import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { type ImportMatcher, ImportMatcherRegistry, type Match, matchesOf } from './import-matchers.ts';

const matcher: ImportMatcher = {
  name: 'codeOrName',
  label: { 'zh-CN': '编码或名称' },
  fields: ['code', 'name'],
  rowKeys: (input) => [`code:${input.code}`, `name:${input.name}`],
  candidates: () => sql`select 1`,
  recordKeys: (value) => [`code:${value('code')}`, `name:${value('name')}`],
  // Two different codes are two records, whatever their names.
  same: (row, record) => row[0] === record[0],
};

describe('CUS-11 import duplicate matchers', () => {
  test('CUS-11 a module registers matchers per object; names are unique per object', () => {
    const r = new ImportMatcherRegistry();
    r.add('customer', matcher);
    expect(r.get('customer', 'codeOrName')).toBe(matcher);
    expect(r.of('contact')).toEqual([]);
    expect(() => r.add('customer', matcher)).toThrow();
  });

  test('CUS-11 a row matches the distinct records sharing one of its keys that the matcher accepts as the same', () => {
    const a: Match = { id: 1, canUpdate: true, keys: ['code:A', 'name:开乐'] };
    const b: Match = { id: 2, canUpdate: false, keys: ['code:B', 'name:开乐'] };
    const found = new Map([
      ['code:A', [a]],
      ['name:开乐', [a, b]],
    ]);
    expect(matchesOf(['code:A', 'name:开乐'], found, matcher.same).map((m) => m.id)).toEqual([1]);
    expect(matchesOf(['code:A', 'name:开乐'], found).map((m) => m.id)).toEqual([1, 2]);
    expect(matchesOf(['code:C'], found)).toEqual([]);
  });
});
