import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/loading.tsx';
import { api } from '../../engine/api.ts';
import { formatDatetime } from '../../engine/format.ts';
import { fieldOf, useLabel, useObject } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { ReportComments } from './report-comments.tsx';
import type { ReportKind } from './report-period.tsx';
import { type ReportDraft, useReportDraft } from './team-api.ts';

type Text = { done: string; plan: string; problems: string };
const parts = ['done', 'plan', 'problems'] as const;

/**
 * Write the daily or weekly report (TEAM-4): the template comes filled from the day's (week's) activities, completed
 * tasks, coming events and open tasks; the user edits, saves a draft, submits, and may take it back to edit again.
 */
export function ReportEditor({ kind, date }: { kind: ReportKind; date: string }) {
  const draft = useReportDraft(kind, date);
  if (draft.isLoading) return <Loading />;
  if (draft.error) return <Alert type="error" showIcon title={(draft.error as Error).message} />;
  const d = draft.data!;
  // A fresh form per period and version: the values below are only its starting point.
  return <Editor key={`${d.kind}-${d.period}-${d.existing?.version ?? 0}`} draft={d} />;
}

function Editor({ draft }: { draft: ReportDraft }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { meta } = useObject('workReport');
  const [form] = Form.useForm<Text>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const existing = draft.existing;
  const submitted = existing?.status === 'submitted';
  const initial: Text = existing
    ? { done: existing.done ?? '', plan: existing.plan ?? '', problems: existing.problems ?? '' }
    : { done: draft.done, plan: draft.plan, problems: draft.problems };
  const save = async (status: 'draft' | 'submitted', values: Partial<Text>) => {
    setBusy(status);
    setError(undefined);
    try {
      if (existing)
        await api.patch(`/api/objects/workReport/${existing.id}`, { ...values, status, version: existing.version });
      else await api.post('/api/objects/workReport', { kind: draft.kind, period: draft.period, ...values, status });
      message.success(t(status === 'submitted' ? 'team.reports.submitted' : 'team.reports.saved'));
      await qc.invalidateQueries({ queryKey: ['records', 'workReport'] });
    } catch (e) {
      apiError(e, { show: setError });
    } finally {
      setBusy(undefined);
    }
  };
  const partLabel = (p: string) => (meta ? label(fieldOf(meta, p)?.label, p) : p);
  const range = draft.first === draft.last ? draft.first : `${draft.first} ~ ${draft.last}`;
  if (submitted)
    return (
      <Card
        size="small"
        title={
          <Space wrap>
            {range}
            <Tag color="green">{t('team.reports.submittedAt', { at: formatDatetime(existing.submittedAt) })}</Tag>
          </Space>
        }
        extra={
          <Button loading={busy === 'draft'} onClick={() => save('draft', {})} data-testid="report-withdraw">
            {t('team.reports.withdraw')}
          </Button>
        }
        data-testid="report-view"
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {parts.map((p) => (
          <div key={p} style={{ marginBottom: 12 }}>
            <Typography.Text strong>{partLabel(p)}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {existing[p] || '-'}
            </Typography.Paragraph>
          </div>
        ))}
        <ReportComments report={existing.id} canComment={false} />
      </Card>
    );
  return (
    <Card
      size="small"
      title={range}
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={() => form.setFieldsValue({ done: draft.done, plan: draft.plan })}
          title={t('team.reports.refillHint')}
        >
          {t('team.reports.refill')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="report-form">
        {parts.map((p) => (
          <Form.Item key={p} name={p} label={partLabel(p)}>
            <Input.TextArea autoSize={{ minRows: p === 'problems' ? 2 : 4, maxRows: 16 }} data-testid={`report-${p}`} />
          </Form.Item>
        ))}
        <Space wrap>
          <Button
            loading={busy === 'draft'}
            onClick={() => save('draft', form.getFieldsValue())}
            data-testid="report-save"
          >
            {t('team.reports.saveDraft')}
          </Button>
          <Button
            type="primary"
            loading={busy === 'submitted'}
            onClick={() => save('submitted', form.getFieldsValue())}
            data-testid="report-submit"
          >
            {t('team.reports.submit')}
          </Button>
        </Space>
      </Form>
      {existing && <ReportComments report={existing.id} canComment={false} />}
    </Card>
  );
}
