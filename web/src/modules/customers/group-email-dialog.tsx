import { Alert, Button, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../engine/api.ts';
import { RichTextInput } from '../../engine/fields/rich-text-input.tsx';
import type { FieldMeta } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';

type Status = 'sent' | 'noEmail' | 'notAllowed' | 'failed';

export interface RecipientResult {
  id: number;
  name?: string;
  email?: string;
  status: Status;
  error?: string;
}

interface SendResult {
  results: RecipientResult[];
  summary: Record<Status, number>;
}

/** The rich-text editor is a field input; the message body is a field of no object. */
const bodyField: FieldMeta = {
  name: 'body',
  type: 'richText',
  label: { 'zh-CN': '正文', 'en-US': 'Message' },
  required: true,
  readOnly: false,
  ops: [],
  sortable: false,
  groupable: false,
  aggregates: [],
};

const statusColors: Record<Status, string> = { sent: 'green', noEmail: 'default', notAllowed: 'orange', failed: 'red' };

/** The per-recipient outcome of a group email. */
export function RecipientResults({ data }: { data: SendResult }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert
        type={data.summary.sent > 0 ? 'success' : 'warning'}
        showIcon
        style={{ marginBottom: 12 }}
        title={t('customers.contacts.summary', data.summary)}
        data-testid="group-email-summary"
      />
      <Table<RecipientResult>
        size="small"
        rowKey="id"
        pagination={data.results.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: true }}
        dataSource={data.results}
        columns={[
          {
            title: t('customers.contacts.contact'),
            dataIndex: 'name',
            render: (_v, r) => (r.name ? <Link to={`/o/contact/${r.id}`}>{r.name}</Link> : `#${r.id}`),
          },
          { title: t('customers.contacts.email'), dataIndex: 'email', render: (v?: string) => v ?? '-' },
          {
            title: t('customers.contacts.status'),
            dataIndex: 'status',
            render: (s: Status, r) => (
              <>
                <Tag color={statusColors[s]}>{t(`customers.contacts.${s}`)}</Tag>
                {r.error && <Typography.Text type="secondary">{r.error}</Typography.Text>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

/** Compose one message for the selected contacts; each receives it separately (CUS-10 客户关怀). */
export function GroupEmailDialog({ ids, onClose }: { ids: number[]; onClose(): void }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const [form] = Form.useForm<{ subject: string; body: string }>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<SendResult>();
  const send = async (values: { subject: string; body: string }) => {
    setSending(true);
    setError(undefined);
    try {
      const r = await api.post<{ data: SendResult }>('/api/contacts/email', { ids, ...values });
      setResult(r.data);
    } catch (e) {
      apiError(e, { form, fields: ['subject', 'body'], show: setError });
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={t('customers.contacts.groupEmailTitle', { n: ids.length })}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={
        result ? (
          <Button onClick={onClose}>{t('customers.contacts.close')}</Button>
        ) : (
          <Button type="primary" loading={sending} onClick={() => form.submit()} data-testid="group-email-send">
            {t('customers.contacts.send')}
          </Button>
        )
      }
    >
      {result ? (
        <RecipientResults data={result} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('customers.contacts.groupEmailNote')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={send} requiredMark>
            <Form.Item
              name="subject"
              label={t('customers.contacts.subject')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} data-testid="group-email-subject" />
            </Form.Item>
            <Form.Item name="body" label={t('customers.contacts.body')} rules={[{ required: true }]}>
              <RichTextInput field={bodyField} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
