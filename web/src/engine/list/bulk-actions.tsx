import { App, Button, Form, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { FieldInput } from '../fields/registry.tsx';
import { toInput } from '../fields/values.ts';
import type { FieldMeta, ObjectMeta } from '../metadata.ts';
import { can, formFields, useLabel } from '../metadata.ts';
import { useApiError } from '../use-api-error.ts';
import { exportUrl } from './export.ts';

interface Props {
  meta: ObjectMeta;
  ids: number[];
  onDone(): void;
}

/** Edit, assign, delete or export the selected records (one transaction on the server). */
export function BulkActions({ meta, ids, onDone }: Props) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const [mode, setMode] = useState<'edit' | 'assign'>();
  const [field, setField] = useState<string>();
  const [value, setValue] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const owner = meta.fields.find((f) => f.type === 'owner' && !f.readOnly);
  const editable = formFields(meta).filter((f) => !['attachments', 'password', 'json'].includes(f.type));
  const run = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    try {
      await api.post(`/api/objects/${meta.name}/${path}`, body);
      message.success(done);
      setMode(undefined);
      onDone();
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  const chosen: FieldMeta | undefined = mode === 'assign' ? owner : editable.find((f) => f.name === field);
  const apply = () =>
    chosen &&
    run(
      'bulk-update',
      { ids, values: { [chosen.name]: toInput(chosen, value) } },
      t('bulk.updated', { n: ids.length }),
    );
  return (
    <Space wrap data-testid="bulk-actions">
      <span>{t('bulk.selected', { n: ids.length })}</span>
      {can(meta, 'update') && (
        <Button
          onClick={() => {
            setMode('edit');
            setField(undefined);
            setValue(undefined);
          }}
        >
          {t('bulk.edit')}
        </Button>
      )}
      {owner && can(meta, 'assign') && (
        <Button
          onClick={() => {
            setMode('assign');
            setValue(undefined);
          }}
        >
          {t('bulk.assign')}
        </Button>
      )}
      {can(meta, 'export') && (
        <Button href={exportUrl(meta.name, 'xlsx', { field: 'id', op: 'in', value: ids })}>{t('bulk.export')}</Button>
      )}
      {can(meta, 'delete') && (
        <Button
          danger
          onClick={() =>
            modal.confirm({
              title: t('bulk.deleteConfirm', { n: ids.length }),
              content: t('bulk.deleteHint'),
              okButtonProps: { danger: true },
              onOk: () => run('bulk-delete', { ids }, t('bulk.deleted', { n: ids.length })),
            })
          }
        >
          {t('bulk.delete')}
        </Button>
      )}
      <Button type="link" onClick={onDone}>
        {t('bulk.clear')}
      </Button>
      <Modal
        open={!!mode}
        title={mode === 'assign' ? t('bulk.assign') : t('bulk.edit')}
        onCancel={() => setMode(undefined)}
        onOk={apply}
        okButtonProps={{ disabled: !chosen, loading: busy }}
        destroyOnHidden
      >
        <Form layout="vertical">
          {mode === 'edit' && (
            <Form.Item label={t('bulk.field')}>
              <Select
                value={field}
                onChange={(f) => {
                  setField(f);
                  setValue(undefined);
                }}
                options={editable.map((f) => ({ value: f.name, label: label(f.label, f.name) }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          )}
          {chosen && (
            <Form.Item label={mode === 'assign' ? label(chosen.label) : t('bulk.newValue')}>
              <FieldInput field={chosen} value={value} onChange={setValue} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
