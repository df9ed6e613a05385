import { Alert, Progress, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from './import-api.ts';

/** Progress while running; counts and row errors when done (dry run or real). */
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
          valueStyle={job.failed ? { color: '#cf1322' } : undefined}
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
      {job.errors.length > 0 && (
        <Table
          size="small"
          rowKey={(e) => `${e.row}-${e.column ?? e.field ?? ''}-${e.code}`}
          pagination={{ pageSize: 20 }}
          dataSource={job.errors}
          columns={[
            { key: 'row', title: t('import.row'), dataIndex: 'row', width: 80 },
            { key: 'column', title: t('import.column'), render: (_, e) => e.column ?? e.field ?? '' },
            { key: 'message', title: t('import.problem'), dataIndex: 'message' },
          ]}
        />
      )}
    </div>
  );
}
