import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { FieldDisplay } from '../fields/display.tsx';
import { FieldInput } from '../fields/registry.tsx';
import { validateField } from '../fields/validate.ts';
import { toInput } from '../fields/values.ts';
import type { FieldMeta } from '../metadata.ts';
import type { RecordData } from '../records.ts';

interface Props {
  object: string;
  field: FieldMeta;
  record: RecordData;
  editable: boolean;
  onSaved: (r: RecordData) => void;
}

/** A list cell that turns into the field's input on double-click; saves with the record's version. */
export function InlineCell({ object, field, record, editable, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<unknown>(record[field.name]);
  const [busy, setBusy] = useState(false);
  if (!editing)
    return (
      <div
        className="inline-cell"
        onDoubleClick={editable ? () => (setValue(record[field.name]), setEditing(true)) : undefined}
        title={editable ? t('list.doubleClickToEdit') : undefined}
      >
        <FieldDisplay field={field} value={record[field.name]} object={object} recordId={record.id} />
      </div>
    );
  const save = async () => {
    const problem = validateField(field, value);
    if (problem) return void message.error(t(`fieldError.${problem}`));
    setBusy(true);
    try {
      const r = await api.patch<{ data: RecordData }>(`/api/objects/${object}/${record.id}`, {
        [field.name]: toInput(field, value),
        version: record.version,
      });
      onSaved(r.data);
      setEditing(false);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('error.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }} onKeyDown={(e) => e.key === 'Enter' && void save()}>
      <div style={{ flex: 1, minWidth: 120 }}>
        <FieldInput field={field} value={value} onChange={setValue} />
      </div>
      <Button size="middle" type="primary" icon={<CheckOutlined />} loading={busy} onClick={save} aria-label={t('common.save')} />
      <Button size="middle" icon={<CloseOutlined />} onClick={() => setEditing(false)} aria-label={t('common.cancel')} />
    </Space.Compact>
  );
}
