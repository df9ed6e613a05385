import { Card, Col, Form, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormExtensionProps } from '../../engine/extensions.ts';
import { FieldInput } from '../../engine/fields/registry.tsx';
import { useFieldRules } from '../../engine/form/form-fields.tsx';
import { can, fieldOf, formFields, useLabel, useObject } from '../../engine/metadata.ts';
import { firstContactFields, firstContactKey } from './first-contact-saver.ts';

/**
 * 首要联系人 on the new-customer form (CUS-1, CUS-10): name, mobile, title… of the first person to talk to, saved
 * together with the customer (first-contact-saver.ts). Optional: left empty, only the customer is created.
 */
export function FirstContactPanel({ recordId }: FormExtensionProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const rules = useFieldRules();
  const { meta } = useObject('contact');
  if (recordId !== undefined || !meta || !can(meta, 'create')) return null;
  const writable = new Set(formFields(meta).map((f) => f.name));
  const fields = firstContactFields.filter((n) => writable.has(n)).map((n) => fieldOf(meta, n)!);
  return (
    <Card
      size="small"
      title={t('customers.contacts.firstContact')}
      style={{ marginBottom: 16 }}
      data-testid="first-contact"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('customers.contacts.firstContactHint')}
      </Typography.Paragraph>
      <Row gutter={16}>
        {fields.map((f) => (
          <Col key={f.name} xs={24} md={12}>
            <Form.Item
              name={[firstContactKey, f.name]}
              label={label(f.label, f.name)}
              rules={rules({ ...f, required: false })}
              validateTrigger="onBlur"
            >
              <FieldInput field={f} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export default FirstContactPanel;
