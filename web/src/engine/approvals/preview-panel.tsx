import { Alert, Button, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api-error.ts';
import { RelationInput } from '../fields/relation-input.tsx';
import type { RelationValue } from '../fields/relation-value.ts';
import type { FieldMeta, ObjectMeta } from '../metadata.ts';
import type { FlowTree, PlanStep } from './flow-types.ts';
import { previewFlow } from './flows-api.ts';
import { PathView } from './path-view.tsx';

const pick = (object: string): FieldMeta => ({
  name: object,
  type: 'manyToOne',
  object,
  label: { 'zh-CN': '' },
  required: false,
  readOnly: false,
  ops: [],
  sortable: false,
  groupable: false,
  aggregates: [],
});

/** The path a sample record would take under the draft, as a given submitter would see it before submitting. */
export function PreviewPanel({ flowId, meta, tree }: { flowId: number; meta?: ObjectMeta; tree: FlowTree }) {
  const { t } = useTranslation();
  const [record, setRecord] = useState<RelationValue | null>(null);
  const [submitter, setSubmitter] = useState<RelationValue | null>(null);
  const [result, setResult] = useState<{ plan: PlanStep[]; people: Record<string, string> }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!record) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await previewFlow(flowId, { recordId: record.id, submitter: submitter?.id, tree }));
    } catch (e) {
      setResult(undefined);
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 640 }} data-testid="flow-preview">
      <Typography.Paragraph type="secondary">{t('approvals.designer.preview.hint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('approvals.designer.preview.record')}>
          {meta && (
            <RelationInput
              field={pick(meta.name)}
              value={record}
              onChange={(v) => setRecord(v as RelationValue | null)}
            />
          )}
        </Form.Item>
        <Form.Item
          label={t('approvals.designer.preview.submitter')}
          extra={t('approvals.designer.preview.submitterHint')}
        >
          <RelationInput
            field={pick('user')}
            value={submitter}
            onChange={(v) => setSubmitter(v as RelationValue | null)}
          />
        </Form.Item>
        <Space>
          <Button type="primary" disabled={!record} loading={busy} onClick={run} data-testid="preview-run">
            {t('approvals.designer.preview.run')}
          </Button>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} />}
      {result && (
        <div style={{ marginTop: 16 }}>
          <PathView
            plan={result.plan}
            people={result.people}
            submitter={submitter?.label ?? t('approvals.designer.preview.me')}
          />
        </div>
      )}
    </div>
  );
}
