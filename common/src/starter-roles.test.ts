import { describe, expect, test } from 'vitest';
import { roleText } from './starter-roles.ts';

describe('OPS-5 starter roles in the reader’s language', () => {
  test('OPS-5 unchanged starter roles are translated, English descriptions of early installations too', () => {
    expect(roleText({ name: '销售员', description: '销售员：仅限本人的记录' }, 'en-US')).toEqual({
      name: 'Salesperson',
      description: 'Salesperson: own records only',
    });
    expect(roleText({ name: '销售员', description: 'Salesperson: own records only' }, 'zh-CN')).toEqual({
      name: '销售员',
      description: '销售员：仅限本人的记录',
    });
  });

  test("OPS-5 an administrator's own roles and rewritten descriptions are shown as written", () => {
    expect(roleText({ name: '华东大区经理', description: 'Region East' }, 'zh-CN')).toEqual({
      name: '华东大区经理',
      description: 'Region East',
    });
    expect(roleText({ name: '销售经理', description: '只管华东' }, 'en-US')).toEqual({
      name: 'Sales manager',
      description: '只管华东',
    });
    expect(roleText({ name: '销售员', description: null }, 'en-US').description).toBe('');
  });
});
