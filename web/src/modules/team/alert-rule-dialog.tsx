import type { Filter } from '@kehu/common';
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Segmented, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { systemObjects } from '../../app/nav-items.tsx';
import { api } from '../../engine/api.ts';
import { FilterBuilder } from '../../engine/filter/filter-builder.tsx';
import { fromFilter, toFilter } from '../../engine/filter/filter-model.ts';
import { useLabel, useObjects } from '../../engine/metadata.ts';
import type { RecordData } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { queryRecords, refId } from './team-api.ts';

interface Values {
  name: string;
  view?: number;
  object?: string;
  schedule: 'daily' | 'weekly' | 'cron';
  cron?: string;
  channels: string[];
  active: boolean;
}

/**
 * An alert rule (TEAM-5): a saved view of any object, or a filter typed here, checked on a schedule as its owner;
 * when records match, the owner is notified in the chosen channels.
 */
export function AlertRuleDialog({
  rule,
  onClose,
  onSaved,
}: {
  rule: RecordData | 'new';
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const existing = rule === 'new' ? undefined : rule;
  const [source, setSource] = useState<'view' | 'filter'>(
    existing && !existing.view ? 'filter' : existing ? 'view' : 'filter',
  );
  const [tree, setTree] = useState(() => fromFilter(existing?.filter as Filter | undefined));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const objects = (useObjects().data ?? []).filter((o) => !systemObjects.has(o.name));
  const object = Form.useWatch('object', form);
  const schedule = Form.useWatch('schedule', form);
  const views = useQuery({
    queryKey: ['records', 'savedView', 'for-alerts'],
    queryFn: () => queryRecords('savedView', { sort: 'name', limit: 500 }),
  });
  const objectLabel = (name: unknown) => label(objects.find((o) => o.name === name)?.label, String(name ?? ''));
  const save = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    const body = {
      name: v.name.trim(),
      view: source === 'view' ? (v.view ?? null) : null,
      object: source === 'filter' ? v.object : null,
      filter: source === 'filter' ? (toFilter(tree) ?? null) : null,
      schedule: v.schedule,
      cron: v.schedule === 'cron' ? (v.cron ?? '').trim() : null,
      channels: v.channels,
      active: v.active,
    };
    try {
      if (existing) await api.patch(`/api/objects/alertRule/${existing.id}`, { ...body, version: existing.version });
      else await api.post('/api/objects/alertRule', body);
      onSaved();
    } catch (e) {
      apiError(e, { form, fields: ['name', 'view', 'object', 'cron', 'schedule'], show: setError });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={existing ? t('team.alerts.edit') : t('team.alerts.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'alert-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        data-testid="alert-form"
        initialValues={{
          name: existing?.name ?? '',
          view: refId(existing?.view) ?? undefined,
          object: existing?.object ?? undefined,
          schedule: existing?.schedule ?? 'daily',
          cron: existing?.cron ?? '',
          channels: existing?.channels ?? ['inApp'],
          active: existing?.active ?? true,
        }}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form.Item name="name" label={t('team.alerts.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="alert-name" />
        </Form.Item>
        <Form.Item label={t('team.alerts.source')}>
          <Segmented
            value={source}
            onChange={(v) => setSource(v as 'view' | 'filter')}
            options={[
              { value: 'filter', label: t('team.alerts.byFilter') },
              { value: 'view', label: t('team.alerts.byView') },
            ]}
          />
        </Form.Item>
        {source === 'view' ? (
          <Form.Item name="view" label={t('team.alerts.view')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={views.isLoading}
              options={(views.data ?? []).map((v) => ({ value: v.id, label: `${objectLabel(v.object)} · ${v.name}` }))}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="object" label={t('team.alerts.object')} rules={[{ required: true }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                onChange={() => setTree(fromFilter(undefined))}
                options={objects.map((o) => ({ value: o.name, label: label(o.label, o.name) }))}
                data-testid="alert-object"
              />
            </Form.Item>
            {object && (
              <Form.Item label={t('team.alerts.filter')}>
                <FilterBuilder object={object} objects={objects} value={tree} onChange={setTree} />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="schedule" label={t('team.alerts.schedule')}>
          <Segmented
            options={['daily', 'weekly', 'cron'].map((s) => ({ value: s, label: t(`team.alerts.schedules.${s}`) }))}
          />
        </Form.Item>
        {schedule === 'cron' && (
          <Form.Item
            name="cron"
            label={t('team.alerts.cron')}
            extra={t('team.alerts.cronHint')}
            rules={[{ required: true }]}
          >
            <Input placeholder="0 9 * * 1-5" maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="channels" label={t('team.alerts.channels')}>
          <Checkbox.Group
            options={[
              { value: 'inApp', label: t('team.alerts.inApp') },
              { value: 'email', label: t('team.alerts.email') },
            ]}
          />
        </Form.Item>
        <Form.Item name="active" label={t('team.alerts.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
