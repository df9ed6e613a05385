import { describe, expect, test } from 'vitest';
import { Registry } from '../metadata/registry.ts';
import type { FieldDef } from '../metadata/types.ts';
import { type FieldGates, normalizeHeader, resolveMapping, suggestMapping } from './mapping.ts';

const registry = new Registry();
const obj = registry.register(
  {
    name: 'lead',
    label: { 'zh-CN': '线索', 'en-US': 'Lead' },
    fields: {
      name: { type: 'text', required: true, label: { 'zh-CN': '客户名称', 'en-US': 'Name' } },
      code: { type: 'autoNumber', pattern: 'XS{seq:5}', label: { 'zh-CN': '编号', 'en-US': 'Code' } },
      phone: { type: 'phone', label: { 'zh-CN': '电话', 'en-US': 'Phone' } },
      secretNote: { type: 'text', label: { 'zh-CN': '内部备注', 'en-US': 'Internal note' } },
      fixed: { type: 'text', readOnly: true, label: { 'zh-CN': '来源', 'en-US': 'Source' } },
    },
  },
  true,
);
const all: FieldGates = { canRead: () => true, canWrite: () => true };
const hiding: FieldGates = { canRead: (f: FieldDef) => f.name !== 'secretNote', canWrite: () => true };

describe('CUS-11 column mapping', () => {
  test('CUS-11 headers are matched to fields by label in either language or by name, loosely', () => {
    expect(normalizeHeader(' 客户名称（必填）* ')).toBe('客户名称');
    const m = suggestMapping(['客户名称*', 'PHONE', 'Code', 'phone', '内部备注', '不存在'], obj, all);
    expect(m).toEqual({ '客户名称*': 'name', PHONE: 'phone', Code: 'code', 内部备注: 'secretNote' });
  });

  test('CUS-11 hidden fields are never suggested', () => {
    expect(suggestMapping(['内部备注'], obj, hiding)).toEqual({});
  });

  test('CUS-11 a mapping naming unknown headers, hidden, read-only or repeated fields is refused per header', () => {
    const r = resolveMapping(
      ['名称', '电话', '备注', '来源', '编号', '电话2'],
      { 名称: 'name', 电话: 'phone', 备注: 'secretNote', 来源: 'fixed', 编号: 'code', 电话2: 'phone', 缺失: 'name' },
      obj,
      hiding,
    );
    expect(r.problems).toEqual({
      备注: 'unknown',
      来源: 'readOnly',
      编号: 'readOnly',
      电话2: 'duplicate',
      缺失: 'unknown',
    });
    expect(r.columns.map((c) => [c.index, c.field.name])).toEqual([
      [0, 'name'],
      [1, 'phone'],
    ]);
  });

  test('CUS-11 a system-assigned code may be mapped as the duplicate key, and is then only matched', () => {
    const r = resolveMapping(['编号', '名称'], { 编号: 'code', 名称: 'name' }, obj, all, 'code');
    expect(r.problems).toEqual({});
    expect(r.matchOn?.name).toBe('code');
    expect(r.columns.find((c) => c.field.name === 'code')?.matchOnly).toBe(true);
    expect(resolveMapping(['名称'], { 名称: 'name' }, obj, all, 'phone').problems).toEqual({ matchOn: 'required' });
    expect(resolveMapping(['名称'], { 名称: 'name' }, obj, hiding, 'secretNote').problems).toEqual({
      matchOn: 'unknown',
    });
  });

  test('CUS-11 a column mapped to null or "" is left out', () => {
    const r = resolveMapping(['名称', '其他'], { 名称: 'name', 其他: null }, obj, all);
    expect(r.problems).toEqual({});
    expect(r.columns).toHaveLength(1);
  });
});
