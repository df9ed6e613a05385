import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import { type LayoutKind, useLayout } from '../../engine/layouts.ts';
import { ColumnChooser } from '../../engine/list/column-chooser.tsx';
import { defaultColumns, formFields, systemFields, useLabel, useObject, useObjects } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';

/** Which fields each object's list, detail page and form show, in which order. */
export default function LayoutsPage() {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const objects = useObjects().data ?? [];
  const [object, setObject] = useState<string>();
  const [kind, setKind] = useState<LayoutKind>('form');
  const { meta } = useObject(object);
  const layout = useLayout(object ?? '', kind);
  const [fields, setFields] = useState<string[]>([]);
  useEffect(() => {
    if (!meta) return;
    const all =
      kind === 'form'
        ? formFields(meta).map((f) => f.name)
        : kind === 'list'
          ? defaultColumns(meta)
          : meta.fields.filter((f) => !systemFields.has(f.name)).map((f) => f.name);
    setFields(layout.data?.fields ?? all);
  }, [meta, kind, layout.data]);
  const save = async () => {
    try {
      if (layout.data)
        await api.patch(`/api/objects/objectLayout/${layout.data.id}`, { fields, version: layout.data.version });
      else await api.post('/api/objects/objectLayout', { object, kind, fields });
      await qc.invalidateQueries({ queryKey: ['records', 'objectLayout'] });
      message.success(t('form.saved'));
    } catch (e) {
      apiError(e);
    }
  };
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('nav.layouts')}</h2>
      </div>
      <Card size="small">
        <Space wrap>
          <Select
            style={{ minWidth: 160 }}
            placeholder={t('admin.object')}
            value={object}
            onChange={setObject}
            options={objects.map((o) => ({ value: o.name, label: label(o.label) }))}
          />
          <Select<LayoutKind>
            style={{ minWidth: 120 }}
            value={kind}
            onChange={setKind}
            options={(['list', 'detail', 'form'] as const).map((k) => ({ value: k, label: t(`admin.layout.${k}`) }))}
          />
          {meta && <ColumnChooser meta={meta} columns={fields} onChange={setFields} />}
          <Button type="primary" disabled={!meta} onClick={save}>
            {t('common.save')}
          </Button>
        </Space>
        {meta && (
          <ol style={{ marginTop: 16 }}>
            {fields.map((n) => (
              <li key={n}>{label(meta.fields.find((f) => f.name === n)?.label, n)}</li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
