import { Alert, App, Button, Form, Space } from 'antd';
import { Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { formPanels, formSavers } from '../extensions.ts';
import { defaults, inputBody } from '../fields/values.ts';
import { applyLayout, useLayout } from '../layouts.ts';
import type { ObjectMeta } from '../metadata.ts';
import { formFields, useObjects } from '../metadata.ts';
import type { RecordData } from '../records.ts';
import { useApiError } from '../use-api-error.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { dependentsOf, keepEnterInPickers, useFirstFieldFocus } from './form-behaviour.ts';
import { FormFields } from './form-fields.tsx';

interface Props {
  meta: ObjectMeta;
  record?: RecordData;
  /** Values a new record starts with besides the field defaults (e.g. the parent it is created from). */
  initial?: Record<string, unknown>;
  onSaved(r: RecordData): void;
  onCancel(): void;
}

/**
 * The edit form of any object, generated from metadata: one input per field type, checks that mirror the
 * server's, the server's field errors on the fields, one request per save however often it is clicked,
 * and a conflict dialog when someone else saved first (409). Fields appear as their conditions allow, dependent
 * pickers follow what they depend on, and the first field to fill has the focus.
 */
export function RecordForm({ meta, record, initial, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apiError = useApiError();
  const objects = useObjects().data ?? [];
  const [form] = Form.useForm();
  const root = useRef<HTMLDivElement>(null);
  const layout = useLayout(meta.name, 'form');
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [base, setBase] = useState<RecordData | undefined>(record);
  const [conflict, setConflict] = useState<RecordData>();
  const [start] = useState(() => record ?? { ...defaults(meta), ...initial });
  const values = { ...start, ...(Form.useWatch([], form) ?? {}) };
  const panels = formPanels(meta.name);
  const savers = record ? [] : formSavers(meta.name);
  const fields = applyLayout(formFields(meta), layout.data).filter(
    (f) => !(record && f.type === 'password' && meta.name !== 'user'),
  );
  useFirstFieldFocus(root, Object.keys(initial ?? {}));

  const names = fields.map((f) => f.name);
  const itemOf = (field: string) =>
    names.includes(field) ? field : savers.map((s) => s.errorField?.(field)).find((n) => n !== undefined);
  const showServerErrors = (e: unknown) => apiError(e, { form, fields: itemOf, scroll: true, show: setError });

  const create = async (values: Record<string, unknown>, body: Record<string, unknown>) => {
    for (const s of savers) {
      const saved = s.save({ meta, objects, body, values });
      if (saved) return saved;
    }
    return (await api.post<{ data: RecordData }>(`/api/objects/${meta.name}`, body)).data;
  };

  /** `against`: the version the changes are computed from (the other person's, when overwriting). */
  const send = async (values: Record<string, unknown>, against = base): Promise<void> => {
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const body = inputBody(meta, values, against);
      const r = against
        ? (
            await api.patch<{ data: RecordData }>(`/api/objects/${meta.name}/${against.id}`, {
              ...body,
              version: against.version,
            })
          ).data
        : await create(values, body);
      message.success(t('form.saved'));
      onSaved(r);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT' && base) {
        const latest = await api
          .get<{ data: RecordData }>(`/api/objects/${meta.name}/${base.id}`)
          .catch(() => undefined);
        if (latest) setConflict(latest.data);
        else showServerErrors(e);
      } else showServerErrors(e);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  };

  return (
    <div ref={root}>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="form-error" />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={start}
        onFinish={(v) => send(v)}
        onFinishFailed={() => message.error(t('form.fixErrors'))}
        onValuesChange={(changed) => {
          // A contact chosen for the old customer may not work for the new one.
          const stale = dependentsOf(meta, changed).filter((n) => form.getFieldValue(n) != null);
          if (stale.length) form.setFields(stale.map((name) => ({ name, value: null, errors: [] })));
        }}
        onKeyDown={keepEnterInPickers}
        scrollToFirstError
        data-testid="record-form"
      >
        <FormFields meta={meta} fields={fields} values={values} />
        {panels.length > 0 && (
          <Suspense fallback={null}>
            {panels.map(({ key, Component }) => (
              <Component key={key} meta={meta} values={values} recordId={record?.id} form={form} />
            ))}
          </Suspense>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="form-save">
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
      {conflict && (
        <ConflictDialog
          meta={meta}
          mine={{ ...base, ...form.getFieldsValue() }}
          theirs={conflict}
          onCancel={() => setConflict(undefined)}
          onReload={() => {
            setBase(conflict);
            form.setFieldsValue(conflict);
            setConflict(undefined);
          }}
          onOverwrite={() => {
            const latest = conflict;
            setConflict(undefined);
            setBase(latest);
            void send(form.getFieldsValue(true), latest);
          }}
        />
      )}
    </div>
  );
}
