import { namePattern } from '@kehu/common';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** The label (中文 / English) and API name inputs that new objects and new fields both ask for. */
export function NameLabelItems({ testId }: { testId: 'object' | 'field' }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="zh" label={t('admin.labelZh')} rules={[{ required: true, message: t('fieldError.required') }]}>
        <Input data-testid={`${testId}-label-zh`} />
      </Form.Item>
      <Form.Item name="en" label={t('admin.labelEn')}>
        <Input />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('admin.apiName')}
        extra={t('admin.apiNameHint')}
        rules={[{ required: true, pattern: namePattern, message: t('admin.apiNameHint') }]}
      >
        <Input data-testid={`${testId}-name`} />
      </Form.Item>
    </>
  );
}
