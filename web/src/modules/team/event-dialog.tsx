import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import { FieldInput } from '../../engine/fields/registry.tsx';
import { fieldOf, useLabel, useObject } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { refId } from './team-api.ts';

export interface Slot {
  start: Date;
  end: Date;
  allDay: boolean;
}

interface Values {
  title: string;
  range: [Dayjs, Dayjs];
  allDay: boolean;
  location?: string;
  customer?: unknown;
  repeat: 'none' | 'DAILY' | 'WEEKLY' | 'MONTHLY';
  count?: number;
  reminderMinutes?: number | null;
}

const reminders = [null, 0, 10, 30, 60, 1440];

/** A new event from a slot selected on the calendar (TEAM-1): title, time, place, customer, repeat, reminder. */
export function NewEventDialog({ slot, onClose, onSaved }: { slot: Slot | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const { message } = App.useApp();
  const { meta } = useObject('event');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const allDay = Form.useWatch('allDay', form);
  const repeat = Form.useWatch('repeat', form);
  const customerField = meta && fieldOf(meta, 'customer');
  const save = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    const [start, end] = v.allDay ? [v.range[0].startOf('day'), v.range[1].add(1, 'day').startOf('day')] : v.range;
    try {
      await api.post('/api/objects/event', {
        title: v.title.trim(),
        start: start.toISOString(),
        end: end.toISOString(),
        allDay: v.allDay,
        ...(v.location ? { location: v.location.trim() } : {}),
        ...(refId(v.customer) ? { customer: refId(v.customer) } : {}),
        ...(v.repeat !== 'none' ? { rrule: `FREQ=${v.repeat};COUNT=${v.count ?? 10}` } : {}),
        ...(v.reminderMinutes !== null && v.reminderMinutes !== undefined
          ? { reminderMinutes: v.reminderMinutes }
          : {}),
      });
      message.success(t('team.calendar.created'));
      onSaved();
    } catch (e) {
      const map: Record<string, keyof Values> = { start: 'range', end: 'range', rrule: 'repeat' };
      apiError(e, { form, fields: (f) => map[f] ?? f, show: setError });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!slot}
      title={t('team.calendar.newEvent')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'event-save' } as never}
      destroyOnHidden
    >
      {slot && (
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          data-testid="event-form"
          initialValues={{
            title: '',
            allDay: slot.allDay,
            range: [dayjs(slot.start), slot.allDay ? dayjs(slot.end).subtract(1, 'day') : dayjs(slot.end)],
            repeat: 'none',
            count: 10,
            reminderMinutes: null,
          }}
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form.Item name="title" label={t('team.calendar.eventTitle')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} autoFocus data-testid="event-title" />
          </Form.Item>
          <Form.Item name="allDay" label={t('team.calendar.allDay')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="range" label={t('team.calendar.time')} rules={[{ required: true }]}>
            <DatePicker.RangePicker
              showTime={allDay ? false : { format: 'HH:mm' }}
              format={allDay ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm'}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="location" label={t('team.calendar.location')}>
            <Input maxLength={200} />
          </Form.Item>
          {customerField && (
            <Form.Item name="customer" label={label(customerField.label)}>
              <FieldInput field={customerField} />
            </Form.Item>
          )}
          <Space wrap align="start">
            <Form.Item name="repeat" label={t('team.calendar.repeat')}>
              <Select
                style={{ width: 140 }}
                options={['none', 'DAILY', 'WEEKLY', 'MONTHLY'].map((v) => ({
                  value: v,
                  label: t(`team.calendar.repeats.${v}`),
                }))}
              />
            </Form.Item>
            {repeat && repeat !== 'none' && (
              <Form.Item name="count" label={t('team.calendar.times')} rules={[{ required: true }]}>
                <InputNumber min={2} max={500} precision={0} />
              </Form.Item>
            )}
            <Form.Item name="reminderMinutes" label={t('team.calendar.reminder')}>
              <Select
                style={{ width: 140 }}
                options={reminders.map((m) => ({
                  value: m,
                  label: m === null ? t('team.calendar.noReminder') : t('team.calendar.minutesBefore', { n: m }),
                }))}
              />
            </Form.Item>
          </Space>
        </Form>
      )}
    </Modal>
  );
}
