import { describe, expect, test } from 'vitest';
import { pickable } from './options.ts';

const options = [
  { value: 'direct', label: { 'zh-CN': '直接客户' } },
  { value: 'partner', label: { 'zh-CN': '合作伙伴' }, active: false },
  { value: 'dealer', label: { 'zh-CN': '代理商' } },
];

describe('WF-7 pickers and deactivated options', () => {
  test('WF-7 a picker offers no inactive option unless the value being edited holds it', () => {
    expect(pickable(options).map((o) => o.value)).toEqual(['direct', 'dealer']);
    expect(pickable(options, 'partner').map((o) => o.value)).toEqual(['direct', 'partner', 'dealer']);
    expect(pickable(options, ['dealer']).map((o) => o.value)).toEqual(['direct', 'dealer']);
    expect(pickable(undefined)).toEqual([]);
  });
});
