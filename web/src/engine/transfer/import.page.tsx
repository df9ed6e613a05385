import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Radio, Select, Space, Steps, Table, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useLabel, useObject } from '../metadata.ts';
import { useApiError } from '../use-api-error.ts';
import { type ImportOptions, type Preview, previewImport, startImport, useImportJob } from './import-api.ts';
import { ImportReport } from './import-report.tsx';

/** Import wizard: upload → map columns → dry-run report → import with progress. */
export default function ImportPage() {
  const { object = '' } = useParams();
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { meta } = useObject(object);
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<Preview>();
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [dup, setDup] = useState<{ matchOn?: string; policy: 'skip' | 'update' | 'create' }>({ policy: 'skip' });
  const [mode, setMode] = useState<'all' | 'validRows'>('all');
  const [jobId, setJobId] = useState<number>();
  const [busy, setBusy] = useState(false);
  const job = useImportJob(jobId);
  useEffect(() => {
    if (job.data?.committed) void qc.invalidateQueries({ queryKey: ['records', object] });
  }, [job.data?.committed, qc, object]);
  if (!meta) return null;

  const upload = async (f: File) => {
    setBusy(true);
    try {
      const p = await previewImport(object, f);
      setFile(f);
      setPreview(p);
      setMapping(Object.fromEntries(p.headers.map((h) => [h, p.suggestedMapping[h] ?? null])));
      // The module's way of recognising a record (credit code or name…) is the sensible default.
      setDup((d) => ({ ...d, matchOn: d.matchOn ?? p.matchers?.[0]?.name }));
      setStep(1);
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const options: ImportOptions = {
        mapping,
        dryRun,
        mode,
        ...(dup.matchOn ? { duplicates: { matchOn: dup.matchOn, policy: dup.policy } } : {}),
      };
      setJobId(await startImport(object, file, options));
      setStep(dryRun ? 2 : 3);
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  const finished = job.data && (job.data.status === 'done' || job.data.status === 'failed');
  return (
    <div className="page">
      <Card title={t('import.title', { object: label(meta.label) })}>
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          items={[
            { title: t('import.stepUpload') },
            { title: t('import.stepMap') },
            { title: t('import.stepDryRun') },
            { title: t('import.stepImport') },
          ]}
        />
        {step === 0 && (
          <Upload.Dragger
            accept=".csv,.xlsx"
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              void upload(f);
              false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('import.dropHint')}</p>
          </Upload.Dragger>
        )}
        {step === 1 && preview && (
          <>
            <Table
              size="small"
              rowKey="header"
              pagination={false}
              scroll={{ x: true }}
              dataSource={preview.headers.map((header, i) => ({
                header,
                sample: preview.rows
                  .slice(0, 3)
                  .map((r) => r[i])
                  .join(' / '),
              }))}
              columns={[
                { key: 'h', title: t('import.column'), dataIndex: 'header' },
                { key: 's', title: t('import.sample'), dataIndex: 'sample', ellipsis: true },
                {
                  key: 'f',
                  title: t('import.field'),
                  render: (_, r) => (
                    <Select
                      allowClear
                      style={{ minWidth: 160 }}
                      placeholder={t('import.skipColumn')}
                      value={mapping[r.header] ?? undefined}
                      onChange={(v) => setMapping({ ...mapping, [r.header]: v ?? null })}
                      options={preview.fields.map((f) => ({
                        value: f.name,
                        label: f.required ? `${f.label} *` : f.label,
                      }))}
                    />
                  ),
                },
              ]}
            />
            <Form layout="vertical" style={{ marginTop: 16 }}>
              <Form.Item label={t('import.matchOn')}>
                <Space wrap>
                  <Select
                    allowClear
                    style={{ minWidth: 160 }}
                    placeholder={t('import.noMatching')}
                    value={dup.matchOn}
                    onChange={(m) => setDup({ ...dup, matchOn: m })}
                    options={[
                      ...(preview.matchers ?? []).map((m) => ({ value: m.name, label: m.label })),
                      ...preview.matchable.map((m) => ({
                        value: m,
                        label: label(meta.fields.find((f) => f.name === m)?.label, m),
                      })),
                    ]}
                  />
                  <Radio.Group
                    value={dup.policy}
                    disabled={!dup.matchOn}
                    onChange={(e) => setDup({ ...dup, policy: e.target.value })}
                    options={(['skip', 'update', 'create'] as const).map((p) => ({
                      value: p,
                      label: t(`import.policy.${p}`),
                    }))}
                  />
                </Space>
              </Form.Item>
              <Form.Item label={t('import.mode')}>
                <Radio.Group
                  value={mode}
                  onChange={(e) => setMode(e.target.value)}
                  options={[
                    { value: 'all', label: t('import.modeAll') },
                    { value: 'validRows', label: t('import.modeValid') },
                  ]}
                />
              </Form.Item>
            </Form>
            <Space>
              <Button onClick={() => setStep(0)}>{t('common.back')}</Button>
              <Button type="primary" loading={busy} onClick={() => run(true)}>
                {t('import.dryRun')}
              </Button>
            </Space>
          </>
        )}
        {step >= 2 && job.data && <ImportReport job={job.data} />}
        {step === 2 && finished && (
          <Space>
            <Button onClick={() => setStep(1)}>{t('common.back')}</Button>
            <Button type="primary" loading={busy} onClick={() => run(false)} disabled={job.data?.status === 'failed'}>
              {t('import.start')}
            </Button>
          </Space>
        )}
        {step === 3 && finished && (
          <Button type="primary" onClick={() => nav(`/o/${object}`)}>
            {t('import.toList')}
          </Button>
        )}
        {step >= 2 && !job.data && <Alert type="info" title={t('import.waiting')} />}
      </Card>
    </div>
  );
}
