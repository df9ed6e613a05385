import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Steps, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useLabel, useObject } from '../metadata.ts';
import { useApiError } from '../use-api-error.ts';
import {
  type ImportOptions,
  type Preview,
  previewImport,
  startImport,
  unmatchedValues,
  useImportJob,
  type ValueColumn,
  type ValueMapping,
} from './import-api.ts';
import { type DuplicateChoice, ImportColumns } from './import-columns.tsx';
import { ImportReport } from './import-report.tsx';
import { ImportValues, initialValues } from './import-values.tsx';

const Step = { Upload: 0, Columns: 1, Values: 2, DryRun: 3, Import: 4 } as const;

/** Import wizard (CUS-11): upload → map columns → map values → dry-run report → import with progress. */
export default function ImportPage() {
  const { object = '' } = useParams();
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { meta } = useObject(object);
  const [step, setStep] = useState<number>(Step.Upload);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<Preview>();
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [values, setValues] = useState<ValueMapping>({});
  const [valueColumns, setValueColumns] = useState<ValueColumn[]>();
  const [dup, setDup] = useState<DuplicateChoice>({ policy: 'skip' });
  const [mode, setMode] = useState<'all' | 'validRows'>('all');
  const [jobId, setJobId] = useState<number>();
  const [busy, setBusy] = useState(false);
  const job = useImportJob(jobId);
  useEffect(() => {
    if (job.data?.committed) void qc.invalidateQueries({ queryKey: ['records', object] });
  }, [job.data?.committed, qc, object]);
  if (!meta) return null;

  const duplicates = () => (dup.matchOn ? { matchOn: dup.matchOn, policy: dup.policy } : null);
  const upload = async (f: File) => {
    setBusy(true);
    try {
      const p = await previewImport(object, f);
      const saved = p.saved;
      setFile(f);
      setPreview(p);
      setMapping(
        Object.fromEntries(
          p.headers.map((h) => [h, saved && h in saved.mapping ? saved.mapping[h] : (p.suggestedMapping[h] ?? null)]),
        ),
      );
      setValues(saved?.values ?? {});
      // The last choice for these columns, else the module's way of recognising a record (credit code or name…).
      const matchOn = saved ? saved.duplicates?.matchOn : p.matchers?.[0]?.name;
      setDup({ matchOn, policy: saved?.duplicates?.policy ?? 'skip' });
      setStep(Step.Columns);
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  const toValues = async () => {
    if (!file) return;
    setBusy(true);
    setValueColumns(undefined);
    setStep(Step.Values);
    try {
      const columns = await unmatchedValues(object, file, { mapping, duplicates: duplicates() });
      setValues((v) => initialValues(columns, v));
      setValueColumns(columns);
    } catch (e) {
      apiError(e);
      setStep(Step.Columns);
    } finally {
      setBusy(false);
    }
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const options: ImportOptions = { mapping, values, dryRun, mode, duplicates: duplicates() };
      setJobId(await startImport(object, file, options));
      setStep(dryRun ? Step.DryRun : Step.Import);
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
          responsive
          style={{ marginBottom: 24 }}
          items={[
            { title: t('import.stepUpload') },
            { title: t('import.stepMap') },
            { title: t('import.stepValues') },
            { title: t('import.stepDryRun') },
            { title: t('import.stepImport') },
          ]}
        />
        {step === Step.Upload && (
          <Upload.Dragger
            accept=".csv,.xlsx"
            showUploadList={false}
            disabled={busy}
            data-testid="import-upload"
            beforeUpload={(f) => {
              void upload(f);
              return false; // read here; antd must not post the file anywhere itself
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('import.dropHint')}</p>
          </Upload.Dragger>
        )}
        {step === Step.Columns && preview && (
          <>
            {preview.saved && (
              <Alert type="info" showIcon title={t('import.savedMapping')} style={{ marginBottom: 12 }} />
            )}
            <ImportColumns
              meta={meta}
              preview={preview}
              mapping={mapping}
              onMapping={setMapping}
              dup={dup}
              onDup={setDup}
              mode={mode}
              onMode={setMode}
            />
            <Space>
              <Button onClick={() => setStep(Step.Upload)}>{t('common.back')}</Button>
              <Button type="primary" loading={busy} onClick={toValues} data-testid="import-next">
                {t('import.next')}
              </Button>
            </Space>
          </>
        )}
        {step === Step.Values && (
          <>
            <ImportValues columns={valueColumns} values={values} onValues={setValues} />
            <Space style={{ marginTop: 16 }}>
              <Button onClick={() => setStep(Step.Columns)}>{t('common.back')}</Button>
              <Button type="primary" loading={busy} disabled={!valueColumns} onClick={() => run(true)}>
                {t('import.dryRun')}
              </Button>
            </Space>
          </>
        )}
        {step >= Step.DryRun && job.data && <ImportReport job={job.data} />}
        {step === Step.DryRun && finished && (
          <Space>
            <Button onClick={() => setStep(Step.Values)}>{t('common.back')}</Button>
            <Button type="primary" loading={busy} onClick={() => run(false)} disabled={job.data?.status === 'failed'}>
              {t('import.start')}
            </Button>
          </Space>
        )}
        {step === Step.Import && finished && (
          <Button type="primary" onClick={() => nav(`/o/${object}`)}>
            {t('import.toList')}
          </Button>
        )}
        {step >= Step.DryRun && !job.data && <Alert type="info" title={t('import.waiting')} />}
      </Card>
    </div>
  );
}
