import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { FieldInput } from '../fields/registry.tsx';
import { validateField } from '../fields/validate.ts';
import { toInput } from '../fields/values.ts';
import type { RecordData } from '../records.ts';
import { useApiError } from '../use-api-error.ts';
import type { InlineCellProps } from './inline-cell.tsx';

/** The cell's input with a save button; Enter saves, Escape cancels. Server errors appear as a message, the value stays. */
export function InlineEditor({ object, field, record, onSaved, onClose }: InlineCellProps & { onClose(): void }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { message } = App.useApp();
  const [value, setValue] = useState<unknown>(record[field.name]);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const problem = validateField(field, value);
    if (problem) return void message.error(t(`fieldError.${problem}`));
    if (busy) return;
    setBusy(true);
    try {
      const r = await api.patch<{ data: RecordData }>(`/api/objects/${object}/${record.id}`, {
        [field.name]: toInput(field, value),
        version: record.version,
      });
      onSaved(r.data);
      onClose();
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact
      style={{ width: '100%' }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void save();
        if (e.key === 'Escape') onClose();
      }}
    >
      <div style={{ flex: 1, minWidth: 120 }}>
        <FieldInput field={field} value={value} onChange={setValue} />
      </div>
      <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={save} aria-label={t('common.save')} />
    </Space.Compact>
  );
}
