import { describe, expect, test } from 'vitest';
import { companyNameKey, coreName, nameSimilarity } from './name-core.ts';

describe('CUS-5 name normalisation for duplicate checks', () => {
  test('CUS-5 place names, brackets and company forms do not make names different', () => {
    for (const name of [
      '开乐专用车有限公司',
      '山东省济南市开乐专用车有限公司',
      '济南开乐专用车股份有限公司',
      '开乐专用车（济南）有限公司',
      '开乐专用车(山东)有限责任公司',
      ' 开乐 专用车 集团 ',
      '开乐专用车有限公司济南分公司',
    ]) {
      expect(coreName(name), name).toBe('开乐专用车');
    }
  });

  test('CUS-5 a name that is only a place or a form stays itself', () => {
    expect(coreName('济南市')).toBe('济南市');
    expect(coreName('有限公司')).toBe('有限公司');
  });

  test('CUS-5 similarity: equal names 1, one character changed high, unrelated names low', () => {
    expect(nameSimilarity('开乐专用车', '开乐专用车')).toBe(1);
    expect(nameSimilarity('开乐专用车', '开乐专用汽车')).toBeGreaterThan(0.6);
    expect(nameSimilarity('开乐专用车', '华宇物流')).toBe(0);
  });
});

describe('CUS-11 company names as import identity', () => {
  test('CUS-11 width, case, spaces, punctuation and 有限责任公司/有限公司 do not matter', () => {
    for (const name of [
      '烟台鸿运物流有限公司',
      '烟台 鸿运物流 有限公司',
      '烟台鸿运物流有限责任公司',
      '烟台·鸿运物流（有限公司）',
      '烟台鸿运物流有限公司。',
    ]) {
      expect(companyNameKey(name), name).toBe('烟台鸿运物流有限公司');
    }
    expect(companyNameKey('ＡＢＣ（中国）Trading 有限公司')).toBe('abc中国trading有限公司');
  });

  test('CUS-11 place names stay: companies of two cities are two companies', () => {
    expect(companyNameKey('烟台鸿运物流有限公司')).not.toBe(companyNameKey('福州鸿运物流有限公司'));
    expect(companyNameKey('鸿运物流有限公司')).not.toBe(companyNameKey('烟台鸿运物流有限公司'));
    expect(companyNameKey('开乐专用车（济南）有限公司')).not.toBe(companyNameKey('开乐专用车（青岛）有限公司'));
    // Another legal form is another name.
    expect(companyNameKey('鸿运物流股份有限公司')).not.toBe(companyNameKey('鸿运物流有限公司'));
  });
});
