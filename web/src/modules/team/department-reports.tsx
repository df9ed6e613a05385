import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/loading.tsx';
import { formatDatetime } from '../../engine/format.ts';
import { fieldOf, useLabel, useObject } from '../../engine/metadata.ts';
import { ReportComments } from './report-comments.tsx';
import type { ReportKind } from './report-period.tsx';
import { queryRecords, useMissingReports } from './team-api.ts';

const parts = ['done', 'plan', 'problems'] as const;

/**
 * The department's reports for a day or week (TEAM-4), as far as the reader's scope reaches, each with its
 * comments; and who has not submitted yet.
 */
export function DepartmentReports({ kind, period, me }: { kind: ReportKind; period: string; me: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { meta } = useObject('workReport');
  const reports = useQuery({
    queryKey: ['records', 'workReport', 'department', kind, period],
    queryFn: () =>
      queryRecords('workReport', {
        filter: {
          and: [
            { field: 'kind', op: 'eq', value: kind },
            { field: 'period', op: 'eq', value: period },
            { field: 'status', op: 'eq', value: 'submitted' },
            { field: 'owner', op: 'ne', value: me },
          ],
        },
        sort: 'submittedAt',
        limit: 500,
      }),
  });
  const missing = useMissingReports(kind, period, true);
  const partLabel = (p: string) => (meta ? label(fieldOf(meta, p)?.label, p) : p);
  const m = missing.data;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={17}>
        {reports.error && <Alert type="error" showIcon title={(reports.error as Error).message} />}
        {reports.isLoading ? (
          <Loading />
        ) : (reports.data ?? []).length === 0 ? (
          <Empty description={t('team.reports.noneSubmitted')} />
        ) : (
          (reports.data ?? []).map((r) => (
            <Card
              key={r.id}
              size="small"
              style={{ marginBottom: 12 }}
              title={r.owner?.label}
              extra={<Typography.Text type="secondary">{formatDatetime(r.submittedAt)}</Typography.Text>}
              data-testid="department-report"
            >
              {parts.map((p) =>
                r[p] ? (
                  <div key={p} style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{partLabel(p)}</Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r[p]}</Typography.Paragraph>
                  </div>
                ) : null,
              )}
              <ReportComments report={r.id} />
            </Card>
          ))
        )}
      </Col>
      <Col xs={24} lg={7}>
        <Card
          size="small"
          title={t('team.reports.missing')}
          extra={m && <Typography.Text type="secondary">{`${m.submitted}/${m.expected}`}</Typography.Text>}
          loading={missing.isLoading}
          data-testid="missing-reports"
        >
          {missing.error ? (
            <Alert type="warning" showIcon title={(missing.error as Error).message} />
          ) : m && m.missing.length === 0 ? (
            <Typography.Text type="success">{t('team.reports.allSubmitted')}</Typography.Text>
          ) : (
            <Space wrap>
              {m?.missing.map((u) => (
                <Tag key={u.id} title={u.department?.label ?? undefined}>
                  {u.name}
                </Tag>
              ))}
            </Space>
          )}
        </Card>
      </Col>
    </Row>
  );
}
