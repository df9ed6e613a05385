import { Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ImportJob, useImportMatches } from './import-api.ts';

const pageSize = 20;

/** The rows that matched an existing record (skipped or updated), each with a link to that record and the reason. */
export function ImportMatches({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const finished = job.status === 'done' || job.status === 'failed';
  const q = useImportMatches(job.id, finished && job.skipped + job.updated > 0, page, pageSize);
  if (!q.data || q.data.total === 0) return null;
  return (
    <div data-testid="import-matches" style={{ marginBottom: 12 }}>
      <Typography.Title level={5}>{t('import.matchesTitle')}</Typography.Title>
      <Table
        size="small"
        rowKey="row"
        scroll={{ x: true }}
        dataSource={q.data.data}
        pagination={{
          current: page,
          pageSize,
          total: q.data.total,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        columns={[
          { key: 'row', title: t('import.row'), dataIndex: 'row', width: 70 },
          {
            key: 'outcome',
            title: t('import.result'),
            width: 90,
            render: (_, m) => (
              <Tag color={m.outcome === 'updated' ? 'blue' : 'default'}>{t(`import.outcome.${m.outcome}`)}</Tag>
            ),
          },
          {
            key: 'record',
            title: t('import.matchedRecord'),
            render: (_, m) =>
              // A record created by an earlier row of a dry run was rolled back: there is nothing to open.
              m.sameAsRow !== null && !job.committed ? (
                t('import.sameAsRow', { row: m.sameAsRow })
              ) : (
                <>
                  <Link to={`/o/${job.object}/${m.recordId}`} data-testid="matched-record">
                    {m.recordLabel ?? `#${m.recordId}`}
                  </Link>
                  {m.sameAsRow !== null && (
                    <Typography.Text type="secondary"> {t('import.sameAsRow', { row: m.sameAsRow })}</Typography.Text>
                  )}
                </>
              ),
          },
          {
            key: 'by',
            title: t('import.matchedBy'),
            render: (_, m) => t('import.byField', { field: m.matchedByLabel ?? m.matchedBy }),
          },
        ]}
      />
    </div>
  );
}
