import { describe, expect, test } from 'vitest';
import { pinyinKeys } from './pinyin.ts';
import { bigrams, parseTerm } from './term.ts';

describe('CUS-3 pinyin keys and query terms', () => {
  test('CUS-3 full pinyin and initials, without tones or spaces; Latin letters and digits kept', () => {
    expect(pinyinKeys('开乐专用车')).toEqual({ full: 'kailezhuanyongche', initials: 'klzyc' });
    expect(pinyinKeys('重庆长安 ABC-3M 绿地')).toEqual({ full: 'chongqingchanganabc3mlvdi', initials: 'cqcaabc3mld' });
    expect(pinyinKeys('Acme Ltd')).toBeNull();
  });

  test('CUS-3 queries are classified: short Chinese, longer Chinese with its pinyin, letters and digits', () => {
    expect(parseTerm(' 开乐 ')).toMatchObject({ cjk: true, length: 2, grams: ['开乐'] });
    expect(parseTerm('开了专用车')).toMatchObject({
      cjk: true,
      grams: ['开了', '了专', '专用', '用车'],
      pinyin: 'kailezhuanyongche',
    });
    expect(parseTerm('KLZY')).toMatchObject({ ascii: true, compact: 'klzy', cjk: false });
    expect(parseTerm('a.b c')).toMatchObject({ ascii: false, cjk: false });
    expect(parseTerm('   ')).toBeNull();
    expect(bigrams('开乐开乐')).toEqual(['开乐', '乐开']);
  });
});
