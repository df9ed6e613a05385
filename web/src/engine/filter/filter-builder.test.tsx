import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import type { ObjectMeta } from '../metadata.ts';
import { FilterBuilder } from './filter-builder.tsx';
import { emptyCondition, emptyGroup, type GroupNode, toFilter } from './filter-model.ts';

const objects = [
  {
    name: 'visit',
    label: { 'zh-CN': '拜访' },
    fields: [
      { name: 'name', type: 'text', label: { 'zh-CN': '名称' }, ops: ['eq', 'contains', 'isEmpty'] },
      {
        name: 'stage',
        type: 'picklist',
        label: { 'zh-CN': '阶段' },
        ops: ['eq', 'in'],
        options: [{ value: 'a', label: { 'zh-CN': '初访' } }],
      },
    ],
  },
] as unknown as ObjectMeta[];

describe('FilterBuilder component', () => {
  test('adds conditions and groups through its buttons', () => {
    const onChange = vi.fn<(v: GroupNode) => void>();
    render(<FilterBuilder object="visit" objects={objects} value={emptyGroup()} onChange={onChange} />);
    fireEvent.click(screen.getByText('添加条件'));
    const added = onChange.mock.calls[0][0];
    expect(added.children).toHaveLength(1);
    expect(added.children[0].kind).toBe('cond');
    fireEvent.click(screen.getByText('添加条件组'));
    const group = onChange.mock.calls[1][0].children[0];
    expect(group.kind).toBe('group');
  });

  test('shows each condition with its field, Chinese operator and value, and removes one', () => {
    const cond = { ...emptyCondition('name'), op: 'contains' as const, value: '华为' };
    const other = { ...emptyCondition('stage'), op: 'eq' as const, value: 'a' };
    const value: GroupNode = { ...emptyGroup('or'), children: [cond, other] };
    const onChange = vi.fn<(v: GroupNode) => void>();
    const { container } = render(<FilterBuilder object="visit" objects={objects} value={value} onChange={onChange} />);
    expect(screen.getAllByTestId('filter-condition')).toHaveLength(2);
    expect(screen.getByText('满足任一条件')).toBeTruthy();
    expect(screen.getByText('包含')).toBeTruthy();
    expect(screen.getByText('初访')).toBeTruthy();
    expect((container.querySelector('input[value="华为"]') as HTMLInputElement).value).toBe('华为');
    fireEvent.click(screen.getAllByLabelText('删除条件')[0]);
    expect(toFilter(onChange.mock.calls[0][0])).toEqual({ field: 'stage', op: 'eq', value: 'a' });
  });

  test('typing into a text condition updates its value', () => {
    const cond = { ...emptyCondition('name'), op: 'eq' as const, value: '' };
    const onChange = vi.fn<(v: GroupNode) => void>();
    const { container } = render(
      <FilterBuilder
        object="visit"
        objects={objects}
        value={{ ...emptyGroup(), children: [cond] }}
        onChange={onChange}
      />,
    );
    const input = container.querySelector('.filter-row input.ant-input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '北京' } });
    expect(toFilter(onChange.mock.calls.at(-1)![0])).toEqual({ field: 'name', op: 'eq', value: '北京' });
  });
});
