import { UserSwitchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import { RelationInput } from '../../engine/fields/relation-input.tsx';
import { useRecordCount } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { type TransferResult, type UserRef, userField, useTransferSummary } from './transfer-dialog.tsx';

interface Values {
  fromOwner?: UserRef;
  toOwner?: UserRef;
  withOpen: boolean;
}

/** 离职交接 (CUS-7): every customer of one person, with contacts and open records, to a colleague. */
export default function HandoverPage() {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const summary = useTransferSummary();
  const [form] = Form.useForm<Values>();
  const from = Form.useWatch('fromOwner', form);
  const count = useRecordCount('customer', { filter: { field: 'owner', op: 'eq', value: from?.id ?? 0 } }, !!from);
  const n = count.data?.total;
  const [result, setResult] = useState<TransferResult>();
  const [error, setError] = useState<string>();
  const run = async (v: Values) => {
    setError(undefined);
    try {
      const r = await api.post<{ data: TransferResult }>('/api/customers/transfer', {
        fromOwner: v.fromOwner!.id,
        toOwner: v.toOwner!.id,
        withOpen: v.withOpen,
      });
      setResult(r.data);
      void qc.invalidateQueries({ queryKey: ['records'] });
    } catch (e) {
      apiError(e, { show: setError });
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: t('customers.ownership.handoverConfirm', {
        n: n ?? 0,
        from: v.fromOwner?.label,
        to: v.toOwner?.label,
      }),
      okText: t('customers.ownership.handoverSubmit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'handover-confirm' },
      onOk: () => run(v),
    });
  };
  return (
    <div className="page" data-testid="handover-page">
      <div className="page-header">
        <h2>
          <UserSwitchOutlined /> {t('customers.ownership.handoverTitle')}
        </h2>
      </div>
      <Card style={{ maxWidth: 640 }}>
        {result ? (
          <Result
            status="success"
            title={t('customers.ownership.handoverDone')}
            subTitle={<span data-testid="handover-result">{summary(result)}</span>}
            extra={
              <Button
                onClick={() => {
                  setResult(undefined);
                  form.resetFields();
                }}
              >
                {t('common.back')}
              </Button>
            }
          />
        ) : (
          <Form form={form} layout="vertical" initialValues={{ withOpen: true }}>
            <Typography.Paragraph type="secondary">{t('customers.ownership.handoverHint')}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Form.Item
              name="fromOwner"
              label={t('customers.ownership.fromOwner')}
              rules={[{ required: true, message: t('customers.ownership.fromOwnerRequired') }]}
              extra={
                from && n !== undefined ? (
                  <span data-testid="handover-count">
                    {t('customers.ownership.customersOf', { name: from.label, n })}
                  </span>
                ) : undefined
              }
            >
              <RelationInput field={userField('fromOwner')} id="handover-from" />
            </Form.Item>
            <Form.Item
              name="toOwner"
              label={t('customers.ownership.toOwner')}
              rules={[{ required: true, message: t('customers.ownership.toOwnerRequired') }]}
            >
              <RelationInput field={userField('toOwner')} id="handover-to" />
            </Form.Item>
            <Form.Item name="withOpen" valuePropName="checked">
              <Checkbox>{t('customers.ownership.withOpen')}</Checkbox>
            </Form.Item>
            <Button type="primary" onClick={submit} data-testid="handover-submit">
              {t('customers.ownership.handoverSubmit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
