import type { Filter } from '@kehu/common';
import { describe, expect, test } from 'vitest';
import type { ObjectMeta } from '../metadata.ts';
import {
  emptyCondition,
  emptyGroup,
  fromFilter,
  type GroupNode,
  operand,
  resolvePath,
  toFilter,
  updateNode,
  valueShape,
} from './filter-model.ts';

const f = (name: string, type: string, extra: object = {}) => ({
  name,
  type,
  label: { 'zh-CN': name },
  required: false,
  readOnly: false,
  ops: ['eq'],
  sortable: true,
  groupable: true,
  aggregates: [],
  ...extra,
});
const objects = [
  {
    name: 'visit',
    fields: [
      f('name', 'text'),
      f('owner', 'owner', { object: 'user' }),
      f('customer', 'manyToOne', { object: 'customer' }),
    ],
  },
  { name: 'user', fields: [f('name', 'text'), f('department', 'manyToOne', { object: 'department' })] },
  { name: 'department', fields: [f('name', 'text')] },
  { name: 'customer', fields: [f('industry', 'picklist')] },
] as unknown as ObjectMeta[];

describe('filter builder model', () => {
  test('only complete conditions reach the API; one condition needs no group', () => {
    const root: GroupNode = {
      ...emptyGroup('and'),
      children: [
        { ...emptyCondition('name'), op: 'contains' as const, value: '华为' },
        { ...emptyCondition('stage'), op: 'eq' as const },
        emptyCondition(),
      ],
    };
    expect(toFilter(root)).toEqual({ field: 'name', op: 'contains' as const, value: '华为' });
    expect(toFilter(emptyGroup())).toBeUndefined();
  });

  test('nested and/or groups, empty operators, lists, ranges and relative periods', () => {
    const root: GroupNode = {
      ...emptyGroup('and'),
      children: [
        { ...emptyCondition('phone'), op: 'isEmpty' as const },
        {
          ...emptyGroup('or'),
          children: [
            { ...emptyCondition('stage'), op: 'in' as const, value: ['a', 'b'] },
            { ...emptyCondition('createdAt'), op: 'within' as const, value: { last: 90, unit: 'day' } },
            { ...emptyCondition('amount'), op: 'between' as const, value: ['100', null] },
          ],
        },
      ],
    };
    expect(toFilter(root)).toEqual({
      and: [
        { field: 'phone', op: 'isEmpty' as const },
        {
          or: [
            { field: 'stage', op: 'in' as const, value: ['a', 'b'] },
            { field: 'createdAt', op: 'within' as const, value: { last: 90, unit: 'day' } },
          ],
        },
      ],
    });
  });

  test('records become ids and regions their deepest code', () => {
    expect(operand({ id: 7, label: '王丽' })).toBe(7);
    expect(operand([{ id: 1 }, { id: 2 }])).toEqual([1, 2]);
    expect(operand({ province: '37', city: '3701', district: null, label: '山东省 济南市' })).toBe('3701');
    expect(operand('thisMonth')).toBe('thisMonth');
  });

  test('a saved filter comes back as an editable tree and round-trips', () => {
    const saved: Filter = {
      or: [
        { field: 'owner.department', op: 'eq' as const, value: 3 },
        {
          and: [
            { field: 'name', op: 'startsWith' as const, value: '北京' },
            { field: 'stage', op: 'ne' as const, value: 'a' },
          ],
        },
      ],
    };
    const tree = fromFilter(saved);
    expect(tree.op).toBe('or');
    expect(toFilter(tree)).toEqual(saved);
    const single = fromFilter({ field: 'name', op: 'eq' as const, value: 'x' });
    expect(single.kind).toBe('group');
    expect(single.children).toHaveLength(1);
  });

  test('edits by id: change, remove, and an emptied root stays a group', () => {
    const c = { ...emptyCondition('name'), op: 'eq' as const, value: 'x' };
    const root: GroupNode = { ...emptyGroup(), children: [c] };
    const changed = updateNode(root, c.id, (n) => ({ ...n, value: 'y' }));
    expect(toFilter(changed)).toEqual({ field: 'name', op: 'eq' as const, value: 'y' });
    expect(root.children[0]).toBe(c);
    const removed = updateNode(root, c.id, () => null);
    expect(removed.children).toEqual([]);
    expect(updateNode(root, root.id, () => null).kind).toBe('group');
  });

  test("paths through many-to-one fields resolve to the related object's field", () => {
    expect(resolvePath(objects, 'visit', 'owner.department.name')?.name).toBe('name');
    expect(resolvePath(objects, 'visit', 'customer.industry')?.type).toBe('picklist');
    expect(resolvePath(objects, 'visit', 'name.x')).toBeUndefined();
    expect(resolvePath(objects, 'visit', 'missing')).toBeUndefined();
  });

  test('operators decide the operand shape', () => {
    expect(valueShape('isNotEmpty')).toBe('none');
    expect(valueShape('notIn')).toBe('list');
    expect(valueShape('between')).toBe('range');
    expect(valueShape('within')).toBe('period');
    expect(valueShape('contains')).toBe('single');
  });
});
