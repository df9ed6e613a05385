import { Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel, useObjects } from '../../engine/metadata.ts';
import { addableTypes, type NewField, parseOptions } from './admin-api.ts';
import { NameLabelItems } from './name-label-items.tsx';

interface Values {
  name: string;
  zh: string;
  en?: string;
  type: NewField['type'];
  required?: boolean;
  options?: string;
  object?: string;
  maxLength?: number;
  searchable?: boolean;
}

/** The "add field" form: name, labels in both languages, type and the type's own settings. */
export function FieldDialog({
  open,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  busy: boolean;
  onCancel(): void;
  onSubmit(f: NewField): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const objects = useObjects().data ?? [];
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  return (
    <Modal
      open={open}
      title={t('admin.addField')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'field-dialog-ok' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ type: 'text' }}
        onFinish={(v) =>
          onSubmit({
            name: v.name,
            type: v.type,
            label: { 'zh-CN': v.zh, ...(v.en ? { 'en-US': v.en } : {}) },
            required: !!v.required,
            ...(v.options ? { options: parseOptions(v.options) } : {}),
            ...(v.object ? { object: v.object } : {}),
            ...(v.maxLength ? { maxLength: v.maxLength } : {}),
            ...(v.searchable ? { search: v.type === 'phone' || v.type === 'email' ? 'exact' : 'fuzzy' } : {}),
          })
        }
      >
        <NameLabelItems testId="field" />
        <Form.Item name="type" label={t('admin.fieldType')}>
          <Select
            data-testid="field-type"
            virtual={false}
            listHeight={320}
            showSearch={{ optionFilterProp: 'label' }}
            options={addableTypes.map((x) => ({ value: x, label: t(`fieldType.${x}`) }))}
          />
        </Form.Item>
        {(type === 'picklist' || type === 'multiPicklist') && (
          <Form.Item
            name="options"
            label={t('admin.options')}
            extra={t('admin.optionsHint')}
            rules={[{ required: true, message: t('fieldError.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} data-testid="field-options" />
          </Form.Item>
        )}
        {(type === 'manyToOne' || type === 'manyToMany') && (
          <Form.Item
            name="object"
            label={t('admin.target')}
            rules={[{ required: true, message: t('fieldError.required') }]}
          >
            <Select options={objects.map((o) => ({ value: o.name, label: label(o.label) }))} />
          </Form.Item>
        )}
        {type === 'text' && (
          <Form.Item name="maxLength" label={t('admin.maxLength')}>
            <InputNumber min={1} max={255} />
          </Form.Item>
        )}
        {['text', 'longText', 'phone', 'email'].includes(type) && (
          <Form.Item name="searchable" valuePropName="checked">
            <Checkbox>{t('admin.searchable')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="required" valuePropName="checked">
          <Checkbox>{t('admin.required')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
