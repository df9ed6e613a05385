import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import { useApiError } from '../../engine/use-api-error.ts';

/** 申请转移 (CUS-8): ask the managers for a customer a colleague owns. */
export function TransferRequestDialog({
  customer,
  onClose,
  onSent,
}: {
  customer: number;
  onClose(): void;
  onSent(): void;
}) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/api/customers/${customer}/transfer-requests`, { reason: v.reason });
      onSent();
    } catch (e) {
      apiError(e, { show: setError });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('customers.ownership.requestTitle')}
      okText={t('customers.ownership.requestTransfer')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'transfer-request-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('customers.ownership.requestIntro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('customers.ownership.reason')}
          rules={[{ required: true, whitespace: true, message: t('customers.ownership.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="transfer-request-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
