import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type FieldMeta, useLabel, useObject } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { addField, type NewField } from './admin-api.ts';
import { FieldDialog } from './field-dialog.tsx';

/** One object's fields, with "add field" for administrators (WF-1). */
export default function ObjectFieldsPage() {
  const { object = '' } = useParams();
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { meta } = useObject(object);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!meta) return null;
  const submit = async (f: NewField) => {
    setBusy(true);
    try {
      await addField(object, f);
      await qc.invalidateQueries({ queryKey: ['metadata'] });
      setOpen(false);
      message.success(t('admin.fieldAdded'));
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page">
      <div className="page-header">
        <h2>
          {label(meta.label)} · {t('admin.fields')}
        </h2>
        <div className="toolbar">
          <Link to={`/o/${object}`}>
            <Button>{t('admin.openList')}</Button>
          </Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="add-field">
            {t('admin.addField')}
          </Button>
        </div>
      </div>
      <Table<FieldMeta>
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={meta.fields}
        scroll={{ x: true }}
        columns={[
          { key: 'label', title: t('admin.fieldLabel'), render: (_, f) => label(f.label, f.name) },
          { key: 'name', title: t('admin.apiName'), dataIndex: 'name' },
          { key: 'type', title: t('admin.fieldType'), render: (_, f) => t(`fieldType.${f.type}`) },
          { key: 'required', title: t('admin.required'), render: (_, f) => (f.required ? t('common.yes') : '') },
          {
            key: 'custom',
            title: t('admin.kind'),
            render: (_, f) =>
              f.custom ? <Tag color="blue">{t('admin.custom')}</Tag> : <Tag>{t('admin.builtin')}</Tag>,
          },
        ]}
      />
      <FieldDialog open={open} busy={busy} onCancel={() => setOpen(false)} onSubmit={submit} />
    </div>
  );
}
