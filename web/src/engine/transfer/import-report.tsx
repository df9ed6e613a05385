import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorsUrl, type ImportJob } from './import-api.ts';
import { ImportMatches } from './import-matches.tsx';

/** The server keeps this many problems with the job; the error file has them all. */
const maxShown = 1000;

/** Progress while running; counts, matched rows and row errors when done (dry run or real). */
export function ImportReport({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const running = job.status === 'queued' || job.status === 'running';
  const pct = !running ? 100 : job.total ? Math.round((job.processed / job.total) * 100) : 0;
  return (
    <div data-testid="import-report">
      <Progress percent={pct} status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'} />
      <Space size="large" wrap style={{ margin: '12px 0' }}>
        <Statistic title={t('import.total')} value={job.total ?? 0} />
        <Statistic title={t('import.created')} value={job.created} />
        <Statistic title={t('import.updated')} value={job.updated} />
        <Statistic title={t('import.skipped')} value={job.skipped} />
        <Statistic
          title={t('import.failed')}
          value={job.failed}
          styles={job.failed ? { content: { color: '#cf1322' } } : undefined}
        />
      </Space>
      {job.message && (
        <Alert
          type={job.status === 'failed' ? 'error' : 'info'}
          showIcon
          title={job.message}
          style={{ marginBottom: 12 }}
        />
      )}
      {!running && job.status === 'done' && (
        <Alert
          type={job.failed ? 'warning' : 'success'}
          showIcon
          title={job.dryRun ? t('import.dryRunDone') : job.committed ? t('import.done') : t('import.notCommitted')}
          style={{ marginBottom: 12 }}
        />
      )}
      {!running && <ImportMatches job={job} />}
      {!running && job.failed > 0 && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Alert
            type="warning"
            title={t(job.errors.length >= maxShown ? 'import.errorsShown' : 'import.errorsAll', {
              failed: job.failed,
              shown: job.errors.length,
            })}
          />
          <Button icon={<DownloadOutlined />} href={errorsUrl(job.id)} data-testid="download-errors">
            {t('import.downloadErrors')}
          </Button>
        </Space>
      )}
      {job.errors.length > 0 && (
        <Table
          size="small"
          data-testid="import-errors"
          rowKey={(e) => `${e.row}-${e.column ?? e.field ?? ''}-${e.code}`}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: true }}
          dataSource={job.errors}
          columns={[
            { key: 'row', title: t('import.row'), dataIndex: 'row', width: 70 },
            { key: 'column', title: t('import.column'), render: (_, e) => e.column ?? '' },
            { key: 'field', title: t('import.fieldLabel'), render: (_, e) => e.fieldLabel ?? '' },
            { key: 'problem', title: t('import.problem'), dataIndex: 'problem' },
          ]}
        />
      )}
    </div>
  );
}
