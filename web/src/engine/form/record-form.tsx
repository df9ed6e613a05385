import { Alert, App, Button, Col, Form, Row, Space } from 'antd';
import { Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { formPanels } from '../extensions.ts';
import { FieldInput } from '../fields/registry.tsx';
import { validateField } from '../fields/validate.ts';
import { defaults, inputBody } from '../fields/values.ts';
import { applyLayout, useLayout } from '../layouts.ts';
import type { FieldMeta, ObjectMeta } from '../metadata.ts';
import { formFields, useLabel } from '../metadata.ts';
import type { RecordData } from '../records.ts';
import { useApiError } from '../use-api-error.ts';
import { ConflictDialog } from './conflict-dialog.tsx';

interface Props {
  meta: ObjectMeta;
  record?: RecordData;
  onSaved(r: RecordData): void;
  onCancel(): void;
}

const wide = new Set(['longText', 'richText', 'address', 'attachments', 'json', 'manyToMany']);

/**
 * The edit form of any object, generated from metadata: one input per field type, checks that mirror the
 * server's, the server's field errors on the fields, one request per save however often it is clicked,
 * and a conflict dialog when someone else saved first (409).
 */
export function RecordForm({ meta, record, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const { message } = App.useApp();
  const apiError = useApiError();
  const [form] = Form.useForm();
  const layout = useLayout(meta.name, 'form');
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [base, setBase] = useState<RecordData | undefined>(record);
  const [conflict, setConflict] = useState<RecordData>();
  const values = Form.useWatch([], form) ?? {};
  const panels = formPanels(meta.name);
  const fields = applyLayout(formFields(meta), layout.data).filter(
    (f) => !(record && f.type === 'password' && meta.name !== 'user'),
  );

  const showServerErrors = (e: unknown) =>
    apiError(e, { form, fields: fields.map((f) => f.name), scroll: true, show: setError });

  /** `against`: the version the changes are computed from (the other person's, when overwriting). */
  const send = async (values: Record<string, unknown>, against = base): Promise<void> => {
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const body = inputBody(meta, values, against);
      const r = against
        ? await api.patch<{ data: RecordData }>(`/api/objects/${meta.name}/${against.id}`, {
            ...body,
            version: against.version,
          })
        : await api.post<{ data: RecordData }>(`/api/objects/${meta.name}`, body);
      message.success(t('form.saved'));
      onSaved(r.data);
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

  const rules = (f: FieldMeta) => [
    {
      validator: async (_: unknown, v: unknown) => {
        const problem = validateField(f, v);
        if (problem) throw new Error(t(`fieldError.${problem}`, { max: f.maxLength, min: f.min }));
      },
    },
  ];

  return (
    <>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="form-error" />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={record ?? defaults(meta)}
        onFinish={(v) => send(v)}
        onFinishFailed={() => message.error(t('form.fixErrors'))}
        scrollToFirstError
        data-testid="record-form"
      >
        <Row gutter={16}>
          {fields.map((f) => (
            <Col key={f.name} xs={24} md={wide.has(f.type) ? 24 : 12}>
              <Form.Item
                name={f.name}
                label={label(f.label, f.name)}
                required={f.required}
                rules={rules(f)}
                validateTrigger="onBlur"
              >
                <FieldInput field={f} />
              </Form.Item>
            </Col>
          ))}
        </Row>
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
    </>
  );
}
