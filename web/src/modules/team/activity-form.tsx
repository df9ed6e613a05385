import { AimOutlined } from '@ant-design/icons';
import type { PicklistOption } from '@kehu/common';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import { pickable, useOptionItems } from '../../engine/fields/options.ts';
import { FieldInput } from '../../engine/fields/registry.tsx';
import { inputBody } from '../../engine/fields/values.ts';
import { can, fieldOf, type ObjectMeta, useLabel, useObject } from '../../engine/metadata.ts';
import type { RecordData } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { queryRecords, refId } from './team-api.ts';

interface Props {
  /** The record the activity is logged from: a customer, contact or opportunity. */
  object: string;
  record: RecordData;
  onSaved(): void;
}

interface Values {
  type: string;
  subject: string;
  time: Dayjs;
  contact?: number;
  content?: string;
  nextStep?: string;
  location?: unknown;
}

/** What the activity points at, from the record it is logged on (the server fills the customer from the rest). */
function linksFrom(object: string, record: RecordData): { customer?: number; contact?: number; opportunity?: number } {
  if (object === 'customer') return { customer: record.id };
  const customer = refId(record.customer) ?? undefined;
  if (object === 'contact') return { contact: record.id, customer };
  return { [object]: record.id, customer };
}

/** The type a new activity starts with, unless an administrator deactivated it (WF-7): then the first active one. */
function startType(options: PicklistOption[] | undefined, wanted: string): string | undefined {
  if (!options) return wanted;
  const active = pickable(options);
  return active.some((o) => o.value === wanted) ? wanted : active[0]?.value;
}

/**
 * 记录拜访/联系 (TEAM-2): a compact form for a call or visit on the spot — type, subject, time, contact, content,
 * next step and, for visits, the place (and the phone's position when the user allows it). Fits a 390 px screen.
 */
export function ActivityForm({ object, record, onSaved }: Props) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const optionItems = useOptionItems();
  const { message } = App.useApp();
  const { meta } = useObject('activity');
  const { meta: contactMeta } = useObject('contact');
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const [busy, setBusy] = useState(false);
  const saving = useRef(false);
  const [error, setError] = useState<string>();
  const [position, setPosition] = useState<{ latitude: string; longitude: string }>();
  const links = linksFrom(object, record);
  const contacts = useQuery({
    queryKey: ['records', 'contact', 'of-customer', links.customer],
    enabled: !!links.customer && object !== 'contact' && can(contactMeta, 'read'),
    queryFn: () =>
      queryRecords('contact', { filter: { field: 'customer', op: 'eq', value: links.customer }, sort: 'name' }),
  });
  if (!meta) return null;
  const field = (name: string) => fieldOf(meta, name);
  const typeField = field('type');
  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => setPosition({ latitude: p.coords.latitude.toFixed(6), longitude: p.coords.longitude.toFixed(6) }),
      () => message.warning(t('team.activity.noPosition')),
      { timeout: 10_000 },
    );
  const save = async (v: Values) => {
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const values = { ...v, ...links, ...(v.type === 'visit' ? position : {}), time: v.time.toISOString() };
      await api.post('/api/objects/activity', inputBody(meta as ObjectMeta, values));
      message.success(t('team.activity.saved'));
      form.resetFields();
      onSaved();
    } catch (e) {
      apiError(e, {
        form,
        fields: ['type', 'subject', 'time', 'contact', 'content', 'nextStep', 'location'],
        show: setError,
      });
    } finally {
      saving.current = false;
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={save}
      data-testid="activity-form"
      initialValues={{
        type: startType(typeField?.options, object === 'customer' ? 'visit' : 'call'),
        subject: '',
        time: dayjs(),
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item name="type" label={label(typeField?.label)} rules={[{ required: true }]}>
        <Select data-testid="activity-type" options={optionItems(typeField?.options)} />
      </Form.Item>
      <Form.Item name="subject" label={label(field('subject')?.label)} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} data-testid="activity-subject" />
      </Form.Item>
      <Form.Item name="time" label={label(field('time')?.label)} rules={[{ required: true }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      {object !== 'contact' && field('contact') && (
        <Form.Item name="contact" label={label(field('contact')?.label)}>
          <Select
            allowClear
            data-testid="activity-contact"
            loading={contacts.isLoading}
            options={(contacts.data ?? []).map((c) => ({ value: c.id, label: String(c.name ?? `#${c.id}`) }))}
          />
        </Form.Item>
      )}
      <Form.Item name="content" label={label(field('content')?.label)}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="activity-content" />
      </Form.Item>
      <Form.Item name="nextStep" label={label(field('nextStep')?.label)}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      {type === 'visit' && field('location') && (
        <Form.Item label={label(field('location')?.label)}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Form.Item name="location" noStyle>
              <FieldInput field={field('location')!} />
            </Form.Item>
            {'geolocation' in navigator && (
              <Space wrap>
                <Button icon={<AimOutlined />} onClick={locate} size="small">
                  {t('team.activity.locate')}
                </Button>
                {position && (
                  <Typography.Text type="secondary" data-testid="activity-position">
                    {position.latitude}, {position.longitude}
                  </Typography.Text>
                )}
              </Space>
            )}
          </Space>
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="activity-save">
        {t('team.activity.save')}
      </Button>
    </Form>
  );
}
