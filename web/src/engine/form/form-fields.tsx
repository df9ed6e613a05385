import { Col, Form, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldInput } from '../fields/registry.tsx';
import { validateField } from '../fields/validate.ts';
import type { FieldMeta, ObjectMeta } from '../metadata.ts';
import { fieldOf, isVisible, useLabel } from '../metadata.ts';
import { dependencyProps } from './form-behaviour.ts';

const wide = new Set(['longText', 'richText', 'address', 'attachments', 'json', 'manyToMany']);

/** The check of one field that mirrors the server's, as an antd rule. */
export function useFieldRules() {
  const { t } = useTranslation();
  return (f: FieldMeta) => [
    {
      validator: async (_: unknown, v: unknown) => {
        const problem = validateField(f, v);
        if (problem) throw new Error(t(`fieldError.${problem}`, { max: f.maxLength, min: f.min }));
      },
    },
  ];
}

/**
 * The inputs of a record form: one per field, hidden while its `visibleWhen` condition does not hold, pickers limited
 * by what they depend on. `values` are the live values (for conditions and dependencies).
 */
export function FormFields({
  meta,
  fields,
  values,
}: {
  meta: ObjectMeta;
  fields: FieldMeta[];
  values: Record<string, unknown>;
}) {
  const label = useLabel();
  const rules = useFieldRules();
  const onForm = new Set(fields.map((f) => f.name));
  const labelOf = (name: string) => {
    const f = fieldOf(meta, name);
    return label(f?.label, name);
  };
  return (
    <Row gutter={16}>
      {fields
        .filter((f) => isVisible(f, values))
        .map((f) => (
          <Col key={f.name} xs={24} md={wide.has(f.type) ? 24 : 12} data-field={f.name}>
            <Form.Item
              name={f.name}
              label={label(f.label, f.name)}
              required={f.required}
              rules={rules(f)}
              validateTrigger="onBlur"
            >
              <FieldInput field={f} {...dependencyProps(f, values, onForm, labelOf)} />
            </Form.Item>
          </Col>
        ))}
    </Row>
  );
}
