import { describe, expect, test } from 'vitest';
import type { ObjectMeta } from '../metadata.ts';
import {
  addClause,
  addGroup,
  blankCondition,
  clauseComplete,
  clauseField,
  describeCondition,
  removeClause,
  setClause,
} from './condition-model.ts';
import type { FlowCondition } from './flow-types.ts';

const f = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  label: { 'zh-CN': name },
  ops: ['eq', 'gt', 'in'],
  ...extra,
});
const objects = [
  {
    name: 'discountRequest',
    fields: [f('discount', 'decimal'), f('owner', 'owner', { object: 'user' })],
  },
  { name: 'user', fields: [f('name', 'text'), f('department', 'manyToOne', { object: 'department' })] },
] as unknown as ObjectMeta[];

const labels = {
  field: (n: string) => ({ discount: '折扣率', '$submitter.department': '发起人部门' })[n] ?? n,
  op: (op: string) => ({ gt: '大于', in: '属于', eq: '等于' })[op] ?? op,
  value: (c: { value?: unknown }) => (Array.isArray(c.value) ? c.value.join('、') : String(c.value)),
  and: '且',
  or: '或',
};

describe('WF-2 designer conditions', () => {
  test('clauses on record fields, paths through references, and the submitter’s department and role', () => {
    expect(clauseField(objects, 'discountRequest', 'discount')?.type).toBe('decimal');
    expect(clauseField(objects, 'discountRequest', 'owner.department')?.object).toBe('department');
    const dept = clauseField(objects, 'discountRequest', '$submitter.department');
    expect(dept).toMatchObject({ type: 'manyToOne', object: 'department', ops: ['in', 'notIn'] });
    expect(clauseField(objects, 'discountRequest', '$submitter.role')?.object).toBe('role');
    expect(clauseField(objects, 'discountRequest', 'nothing')).toBeUndefined();
    expect(clauseField(objects, 'discountRequest', '')).toBeUndefined();
  });

  test('only complete clauses can run: field, operator and the value it needs', () => {
    expect(clauseComplete({ field: '' })).toBe(false);
    expect(clauseComplete({ field: 'discount', op: 'gt' })).toBe(false);
    expect(clauseComplete({ field: 'discount', op: 'gt', value: '10' })).toBe(true);
    expect(clauseComplete({ field: 'owner', op: 'isEmpty' })).toBe(true);
    expect(clauseComplete({ field: 'owner', op: 'in', value: [] })).toBe(false);
    expect(clauseComplete({ field: 'discount', op: 'between', value: ['5', null] })).toBe(false);
  });

  test('OR of AND groups: add, change and remove clauses; an emptied group goes', () => {
    let c: FlowCondition = blankCondition();
    c = setClause(c, 0, 0, { field: 'discount', op: 'gt', value: '10' });
    c = addClause(c, 0);
    c = setClause(c, 0, 1, { field: '$submitter.department', op: 'in', value: [3] });
    c = addGroup(c);
    c = setClause(c, 1, 0, { field: 'discount', op: 'gt', value: '20' });
    expect(c).toEqual({
      any: [
        {
          all: [
            { field: 'discount', op: 'gt', value: '10' },
            { field: '$submitter.department', op: 'in', value: [3] },
          ],
        },
        { all: [{ field: 'discount', op: 'gt', value: '20' }] },
      ],
    });
    expect(describeCondition(c, labels)).toBe('折扣率 大于 10 且 发起人部门 属于 3 或 折扣率 大于 20');
    const fewer = removeClause(c, 1, 0);
    expect(fewer.any).toHaveLength(1);
    // Unfinished clauses are not described: the card says what will be checked.
    expect(describeCondition(addClause(fewer, 0), labels)).toBe('折扣率 大于 10 且 发起人部门 属于 3');
    expect(describeCondition({ any: [] }, labels)).toBe('');
  });
});
