import type { DictionaryField } from '@kehu/common';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, test, vi } from 'vitest';
import { DictionaryEditor } from './dictionary-editor.tsx';

const field: DictionaryField = {
  object: 'customer',
  objectLabel: { 'zh-CN': '客户' },
  field: 'type',
  label: { 'zh-CN': '客户类型' },
  type: 'picklist',
  custom: false,
  fixed: false,
  version: 1,
  options: [
    { value: 'dealer', label: { 'zh-CN': '经销商' }, active: true, declared: true, keep: 'locked', count: 12 },
    { value: 'partner', label: { 'zh-CN': '合作伙伴' }, active: true, declared: true, count: 3 },
  ],
};

function show() {
  const onDirty = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App>
        <DictionaryEditor field={field} onSaved={() => undefined} onDirty={onDirty} />
      </App>
    </QueryClientProvider>,
  );
  return onDirty;
}

const rows = () => screen.getAllByTestId('dictionary-option');

describe('WF-7 DictionaryEditor component', () => {
  test('WF-7 shows usage, keeps a locked option on, and reorders, adds and deactivates', () => {
    const onDirty = show();
    expect(screen.getByText('12 条记录使用')).toBeTruthy();
    expect(screen.getByText('系统使用')).toBeTruthy();
    const dealerSwitch = within(rows()[0]).getByRole('switch');
    expect((dealerSwitch as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('合作伙伴 · 上移'));
    expect(rows().map((r) => r.dataset.value)).toEqual(['partner', 'dealer']);
    fireEvent.click(within(rows()[0]).getByRole('switch'));
    expect(rows()[0].className).toContain('is-inactive');
    fireEvent.click(screen.getByTestId('dictionary-add'));
    expect(rows()).toHaveLength(3);
    expect(within(rows()[2]).getByText(/保存后生成/)).toBeTruthy();
    expect(onDirty).toHaveBeenLastCalledWith(true);
  });
});
