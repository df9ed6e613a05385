import { CheckCircleOutlined, CloseCircleOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import type { RecordExtensionProps } from '../../engine/extensions.ts';
import { useOptionItems } from '../../engine/fields/options.ts';
import { can, fieldOf } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { RefSelect, type RefValue } from './ref-select.tsx';

type Outcome = 'won' | 'lost' | 'abandoned';

interface Values {
  closedOn?: Dayjs;
  closeReason?: string;
  lostTo?: RefValue;
  closeNote?: string;
}

/**
 * 赢单 / 输单 / 放弃 on an open opportunity (SAL-1), asking for the reason (required for lost and abandoned) and,
 * when lost, to whom; a closed one can be reopened. Winning passes the remaining stages' gate (SAL-3).
 */
export default function CloseAction({ meta, record, refresh }: RecordExtensionProps) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const optionItems = useOptionItems();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  if (!can(meta, 'update')) return null;
  const reasons = fieldOf(meta, 'closeReason')?.options ?? [];

  const save = async (body: Record<string, unknown>) => {
    setSaving(true);
    setError(undefined);
    try {
      await api.patch(`/api/objects/opportunity/${record.id}`, { ...body, version: record.version });
      message.success(t(`sales.close.done.${String(body.status)}`));
      setOutcome(undefined);
      void qc.invalidateQueries({ queryKey: ['sales'] });
      refresh();
    } catch (e) {
      apiError(e, { form, fields: ['closeReason', 'lostTo', 'closedOn', 'closeNote'], show: setError });
    } finally {
      setSaving(false);
    }
  };

  const submit = (v: Values) =>
    save({
      status: outcome,
      closedOn: v.closedOn?.format('YYYY-MM-DD'),
      closeNote: v.closeNote || null,
      ...(outcome === 'won' ? {} : { closeReason: v.closeReason ?? null }),
      ...(outcome === 'lost' ? { lostTo: v.lostTo?.id ?? null } : {}),
    });

  const start = (o: Outcome) => {
    form.resetFields();
    form.setFieldsValue({ closedOn: dayjs() });
    setError(undefined);
    setOutcome(o);
  };

  if (record.status !== 'open')
    return (
      <Button
        icon={<RollbackOutlined />}
        loading={saving}
        data-testid="reopen"
        onClick={() => void save({ status: 'open', closeReason: null, lostTo: null })}
      >
        {t('sales.close.reopen')}
      </Button>
    );
  return (
    <>
      <Button icon={<CheckCircleOutlined />} onClick={() => start('won')} data-testid="close-won">
        {t('sales.close.won')}
      </Button>
      <Button icon={<CloseCircleOutlined />} onClick={() => start('lost')} data-testid="close-lost">
        {t('sales.close.lost')}
      </Button>
      <Button icon={<StopOutlined />} onClick={() => start('abandoned')} data-testid="close-abandoned">
        {t('sales.close.abandoned')}
      </Button>
      <Modal
        open={outcome !== undefined}
        title={outcome && t(`sales.close.title.${outcome}`, { name: record.name })}
        onCancel={() => setOutcome(undefined)}
        onOk={() => form.submit()}
        okText={outcome && t(`sales.close.${outcome}`)}
        okButtonProps={{ loading: saving, danger: outcome !== 'won', 'data-testid': 'close-ok' } as never}
        forceRender
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="close-error" />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          {outcome !== 'won' && (
            <Form.Item
              name="closeReason"
              label={t('sales.close.reason')}
              rules={[{ required: true, message: t('fieldError.required') }]}
            >
              <Select options={optionItems(reasons)} />
            </Form.Item>
          )}
          {outcome === 'lost' && (
            <Form.Item name="lostTo" label={t('sales.close.lostTo')}>
              <RefSelect
                object="customer"
                block
                placeholder={t('sales.close.competitor')}
                filter={{ field: 'type', op: 'eq', value: 'competitor' }}
              />
            </Form.Item>
          )}
          <Form.Item name="closedOn" label={t('sales.close.closedOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="closeNote" label={t('sales.close.note')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
