import { Alert, Checkbox, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import { RelationInput } from '../../engine/fields/relation-input.tsx';
import type { FieldMeta } from '../../engine/metadata.ts';
import { useLabel, useObjects } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';

export type UserRef = { id: number; label?: string };

export interface TransferResult {
  customers: number;
  moved: Record<string, number>;
}

/** A user picker (type-ahead on users, through the relation input every form uses). */
export const userField = (name: string): FieldMeta => ({
  name,
  type: 'manyToOne',
  object: 'user',
  label: { 'zh-CN': name },
  required: true,
  readOnly: false,
  ops: [],
  sortable: false,
  groupable: false,
  aggregates: [],
});

/** "已转移 3 个客户，随同转移：联系人 5 条" */
export function useTransferSummary() {
  const { t } = useTranslation();
  const objects = useObjects();
  const label = useLabel();
  return (r: TransferResult) => {
    const parts = Object.entries(r.moved).map(([object, n]) =>
      t('customers.ownership.movedItem', {
        n,
        object: label(objects.data?.find((o) => o.name === object)?.label, object),
      }),
    );
    return (
      t('customers.ownership.transferred', { customers: r.customers }) +
      (parts.length ? t('customers.ownership.movedAlong', { detail: parts.join('、') }) : '')
    );
  };
}

/** Choose the new owner of some customers (CUS-7): POST /api/customers/transfer. */
export function TransferDialog({
  ids,
  onClose,
  onDone,
}: {
  ids: number[];
  onClose(): void;
  onDone(r: TransferResult): void;
}) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const [form] = Form.useForm<{ toOwner?: UserRef; withOpen: boolean }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.post<{ data: TransferResult }>('/api/customers/transfer', {
        ids,
        toOwner: v.toOwner!.id,
        withOpen: v.withOpen,
      });
      onDone(r.data);
    } catch (e) {
      apiError(e, { show: setError });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('customers.ownership.transferTitle')}
      okText={t('customers.ownership.transferCount', { n: ids.length })}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'transfer-submit' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="transfer-error" />}
      <Form form={form} layout="vertical" initialValues={{ withOpen: true }}>
        <Form.Item
          name="toOwner"
          label={t('customers.ownership.toOwner')}
          rules={[{ required: true, message: t('customers.ownership.toOwnerRequired') }]}
        >
          <RelationInput field={userField('toOwner')} id="transfer-to-owner" />
        </Form.Item>
        <Form.Item name="withOpen" valuePropName="checked">
          <Checkbox data-testid="transfer-with-open">{t('customers.ownership.withOpen')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
