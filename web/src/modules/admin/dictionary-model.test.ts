import type { DictionaryField } from '@kehu/common';
import { describe, expect, test } from 'vitest';
import {
  addOption,
  canRemove,
  isDirty,
  move,
  moveTo,
  problems,
  remove,
  setActive,
  toEditor,
  toPatch,
  update,
} from './dictionary-model.ts';

const field: DictionaryField = {
  object: 'customer',
  objectLabel: { 'zh-CN': '客户' },
  field: 'type',
  label: { 'zh-CN': '客户类型' },
  type: 'picklist',
  custom: false,
  fixed: false,
  version: 3,
  options: [
    { value: 'direct', label: { 'zh-CN': '直接客户' }, active: true, declared: true, keep: 'default', count: 4 },
    {
      value: 'dealer',
      label: { 'zh-CN': '经销商', 'en-US': 'Dealer' },
      color: 'purple',
      active: true,
      declared: true,
      keep: 'locked',
      count: 12,
    },
    { value: 'partner', label: { 'zh-CN': '合作伙伴' }, active: true, declared: true, count: 0 },
    { value: 'mine', label: { 'zh-CN': '自加' }, active: true, declared: false, count: 0 },
  ],
};

describe('WF-7 the dictionary editor list logic', () => {
  test('WF-7 reorders by up/down and by drag, within bounds', () => {
    const rows = toEditor(field);
    expect(move(rows, 1, -1).map((o) => o.key)).toEqual(['dealer', 'direct', 'partner', 'mine']);
    expect(move(rows, 0, -1)).toBe(rows);
    expect(move(rows, 3, 1)).toBe(rows);
    expect(moveTo(rows, 'mine', 'direct').map((o) => o.key)).toEqual(['mine', 'direct', 'dealer', 'partner']);
  });

  test('WF-7 locked and default options cannot be deactivated; declared or used ones cannot be removed', () => {
    const rows = toEditor(field);
    expect(setActive(rows, 'dealer', false, false)).toBe(rows);
    expect(setActive(rows, 'direct', false, false)).toBe(rows);
    expect(setActive(rows, 'partner', false, false).find((o) => o.key === 'partner')?.active).toBe(false);
    expect(setActive(rows, 'partner', false, true)).toBe(rows);
    expect(remove(rows, 'partner', false)).toBe(rows);
    expect(remove(rows, 'mine', false).map((o) => o.key)).not.toContain('mine');
    expect(canRemove({ ...rows[3], count: 2 }, false)).toBe(false);
  });

  test('WF-7 a new row is sent without a value, renamed rows keep theirs, and the version goes along', () => {
    let rows = addOption(toEditor(field));
    const added = rows.at(-1)!;
    expect(added).toMatchObject({ key: 'new-1', active: true, declared: false });
    expect(problems(rows).rows).toEqual({ 'new-1': 'label' });
    rows = update(rows, 'new-1', { zh: ' 代理商 ', en: 'Agent', color: '#722ed1' });
    rows = update(rows, 'dealer', { zh: '代理商', en: '' });
    expect(problems(rows)).toEqual({ rows: {} });
    const patch = toPatch(rows, field.version);
    expect(patch.version).toBe(3);
    expect(patch.options[1]).toEqual({ value: 'dealer', label: { 'zh-CN': '代理商' }, color: 'purple', active: true });
    expect(patch.options.at(-1)).toEqual({
      label: { 'zh-CN': '代理商', 'en-US': 'Agent' },
      color: '#722ed1',
      active: true,
    });
    expect(isDirty(rows, field)).toBe(true);
    expect(isDirty(toEditor(field), field)).toBe(false);
  });

  test('WF-7 the editor refuses a list with nothing active', () => {
    const none = toEditor(field).map((o) => ({ ...o, active: false }));
    expect(problems(none).list).toBe('noneActive');
  });
});
