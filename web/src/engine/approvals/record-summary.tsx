import { Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FieldDisplay } from '../fields/display.tsx';
import { applyLayout, useLayout } from '../layouts.ts';
import { isVisible, systemFields, useLabel, useObject } from '../metadata.ts';
import { useRecord } from '../records.ts';
import type { InstanceDetail } from './approvals-api.ts';

const skipped = new Set(['oneToMany', 'password', 'json', 'richText']);

/**
 * What is being approved: the record's title, a link to its page and its main fields (in the administrator's
 * detail layout), read through the normal record API — approvers are given read access for the approval.
 */
export function RecordSummary({ detail, mobile }: { detail: InstanceDetail; mobile: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { meta } = useObject(detail.object);
  const record = useRecord(detail.object, detail.recordId);
  const layout = useLayout(detail.object, 'detail');
  const r = record.data;
  const fields =
    meta && r
      ? applyLayout(
          meta.fields.filter(
            (f) => !skipped.has(f.type) && !systemFields.has(f.name) && !f.internal && isVisible(f, r),
          ),
          layout.data,
        ).slice(0, 10)
      : [];
  return (
    <Card
      size="small"
      loading={record.isLoading}
      data-testid="approval-record"
      title={
        <Space size={6} wrap>
          {detail.objectLabel && <Typography.Text type="secondary">{label(detail.objectLabel)}</Typography.Text>}
          <span>{detail.title ?? `#${detail.recordId}`}</span>
        </Space>
      }
      extra={
        <Link to={`/o/${detail.object}/${detail.recordId}`} data-testid="approval-record-link">
          {t('approvals.instance.openRecord')}
        </Link>
      }
    >
      {r && meta ? (
        <Descriptions column={mobile ? 1 : 2} size="small" data-testid="approval-record-fields">
          {fields.map((f) => (
            <Descriptions.Item key={f.name} label={label(f.label, f.name)}>
              <FieldDisplay field={f} value={r[f.name]} object={detail.object} recordId={r.id} compact />
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        !record.isLoading && (
          <Typography.Text type="secondary">{t('approvals.instance.noRecordAccess')}</Typography.Text>
        )
      )}
    </Card>
  );
}
