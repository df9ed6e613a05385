import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { App, Form, Input } from 'antd';
import i18next from 'i18next';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';
import { ApiError } from './api.ts';
import { errorText } from './api-error.ts';
import { type ApiErrorOptions, useApiError } from './use-api-error.ts';

const t = (k: string) => i18next.t(k);

describe('one way to report a failed request', () => {
  test("the server's message as it came; by status when it sent none; network error when no answer came", () => {
    expect(errorText(new ApiError(409, 'CUSTOMER_IN_POOL', '该客户已在公海中'), t)).toBe('该客户已在公海中');
    expect(errorText(new ApiError(403, 'HTTP_ERROR', 'Forbidden'), t)).toBe('您没有权限执行此操作');
    expect(errorText(new ApiError(404, 'HTTP_ERROR', 'Not Found'), t)).toBe('记录不存在或您无权访问');
    expect(errorText(new ApiError(502, 'HTTP_ERROR', 'Bad Gateway'), t)).toBe('服务器出错，请稍后重试');
    expect(errorText(new TypeError('Failed to fetch'), t)).toBe('网络错误，请检查网络后重试');
  });

  function Harness({
    error,
    options,
  }: {
    error: unknown;
    options?: (setError: (s: string) => void) => ApiErrorOptions;
  }) {
    const apiError = useApiError();
    const [form] = Form.useForm();
    const [text, setText] = useState<string>();
    return (
      <Form form={form}>
        <Form.Item name="name" label="名称">
          <Input />
        </Form.Item>
        <button type="button" onClick={() => apiError(error, { form, ...options?.(setText) })}>
          go
        </button>
        {text && <div role="alert">{text}</div>}
      </Form>
    );
  }

  const mount = (error: unknown, options?: (setError: (s: string) => void) => ApiErrorOptions) =>
    render(
      <QueryClientProvider client={new QueryClient()}>
        <App>
          <Harness error={error} options={options} />
        </App>
      </QueryClientProvider>,
    );

  test('field problems go to the form items by name, translated; the message goes where the screen says', async () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', '请检查填写的内容', { name: 'required', other: 'tooLong' });
    mount(e, (setError) => ({ fields: ['name'], show: setError }));
    await act(async () => screen.getByText('go').click());
    expect(await screen.findByText('此项为必填项')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('请检查填写的内容');
    expect(screen.queryByText('内容过长')).toBeNull();
  });

  test('without a place of its own the message is a toast', async () => {
    mount(new ApiError(403, 'FORBIDDEN', '您没有权限执行此操作：删除客户'));
    await act(async () => screen.getByText('go').click());
    expect(await screen.findByText('您没有权限执行此操作：删除客户')).toBeTruthy();
  });
});
