import { describe, expect, test } from 'vitest';
import { suggestOption, valueSimilarity } from './value-suggest.ts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const types = [
  { value: 'direct', label: l('直接客户', 'Direct customer') },
  { value: 'dealer', label: l('经销商', 'Dealer') },
  { value: 'prospect', label: l('潜在客户', 'Prospect') },
];
const industries = [
  { value: 'sanitation', label: l('环卫', 'Sanitation') },
  { value: 'logistics', label: l('物流', 'Logistics') },
  { value: 'construction', label: l('建筑工程', 'Construction') },
];

describe('CUS-11 suggestions for values that are no option', () => {
  test('CUS-11 abbreviations and longer office words find their option', () => {
    expect(suggestOption('直客', types)?.value).toBe('direct');
    expect(suggestOption('经销', types)?.value).toBe('dealer');
    expect(suggestOption('市政环卫', industries)?.value).toBe('sanitation');
    expect(suggestOption('建筑', industries)?.value).toBe('construction');
  });

  test('CUS-11 by pinyin: homophone typos, full pinyin and initials', () => {
    expect(suggestOption('欢卫', industries)?.value).toBe('sanitation');
    expect(suggestOption('物留', industries)?.value).toBe('logistics');
    expect(suggestOption('还卫', industries)?.value).toBe('sanitation');
    expect(suggestOption('wuliu', industries)?.value).toBe('logistics');
    expect(suggestOption('WL', industries)?.value).toBe('logistics');
    expect(suggestOption('dealer', types)?.value).toBe('dealer');
  });

  test('CUS-11 nothing is suggested for a value like no option', () => {
    expect(suggestOption('冷链', industries)).toBe(null);
    expect(suggestOption('医院', types)).toBe(null);
    expect(valueSimilarity('', '环卫')).toBe(0);
    expect(valueSimilarity('环卫', '环卫')).toBe(1);
  });
});
