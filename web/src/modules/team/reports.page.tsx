import { UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Button, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { Loading } from '../../app/loading.tsx';
import { useObject } from '../../engine/metadata.ts';
import { DepartmentReports } from './department-reports.tsx';
import { ReportEditor } from './report-editor.tsx';
import { type ReportKind, ReportPeriod, reportPeriod } from './report-period.tsx';
import { useReportDraft } from './team-api.ts';

/**
 * 工作报告 (TEAM-4): my daily or weekly report, and — for those whose scope reaches beyond their own reports — the
 * department's reports with comments and who has not submitted. Without a chosen date it is the company's today
 * (the server's time zone, not the browser's).
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const kind: ReportKind = params.get('kind') === 'weekly' ? 'weekly' : 'daily';
  const chosen = dayjs(params.get('date') ?? '').isValid() ? (params.get('date') ?? '') : '';
  const tab = params.get('tab') === 'department' ? 'department' : 'mine';
  const { meta } = useObject('workReport');
  const manager = !!meta && meta.rights.read !== 'own' && meta.rights.read !== 'none';
  // Also the editor's query (same key): the server says which period "today" is.
  const draft = useReportDraft(kind, chosen);
  const period = chosen ? reportPeriod(kind, dayjs(chosen)) : draft.data?.period;
  const set = (p: Record<string, string>) =>
    setParams({ kind, tab, ...(chosen ? { date: chosen } : {}), ...p }, { replace: true });
  return (
    <div className="page">
      <div className="page-header">
        <h2>{t('team.reports.title')}</h2>
        <ReportPeriod
          kind={kind}
          date={dayjs(period ?? undefined)}
          onChange={(k, d) => set({ kind: k, date: d.format('YYYY-MM-DD') })}
        />
        <Link to="/o/workReport">
          <Button icon={<UnorderedListOutlined />}>{t('team.reports.all')}</Button>
        </Link>
      </div>
      {draft.error && !period ? (
        <Alert type="error" showIcon title={(draft.error as Error).message} />
      ) : !period ? (
        <Loading />
      ) : (
        <Tabs
          activeKey={manager ? tab : 'mine'}
          onChange={(k) => set({ tab: k })}
          items={[
            { key: 'mine', label: t('team.reports.mine'), children: <ReportEditor kind={kind} date={chosen} /> },
            ...(manager && me
              ? [
                  {
                    key: 'department',
                    label: t('team.reports.department'),
                    children: <DepartmentReports kind={kind} period={period} me={me.user.id} />,
                  },
                ]
              : []),
          ]}
        />
      )}
    </div>
  );
}
