import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { useIsMobile } from '../../app/use-mobile.ts';
import { errorText } from '../api-error.ts';
import { formatDatetime } from '../format.ts';
import { useInstance } from './approvals-api.ts';
import { InstanceActions } from './instance-actions.tsx';
import { InstanceTimeline } from './instance-timeline.tsx';
import { PathView } from './path-view.tsx';
import { RecordSummary } from './record-summary.tsx';
import { StateTag } from './state-tag.tsx';
import './approvals.css';

/** One approval (WF-4): what is approved, the path with everyone's decisions, the history, and my commands. */
export default function InstancePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const nav = useNavigate();
  const mobile = useIsMobile();
  const q = useInstance(id);
  if (q.isLoading) return <Loading />;
  const d = q.data;
  if (!d)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ margin: 16 }}
        title={q.error ? errorText(q.error, t) : t('approvals.instance.notFound')}
        action={<Link to="/approvals">{t('approvals.instance.back')}</Link>}
        data-testid="approval-not-found"
      />
    );
  const started = d.timeline.find((e) => e.action === 'submitted')?.at;
  const submitter = d.people[d.submitter] ?? `#${d.submitter}`;
  return (
    <div className={`page${mobile ? ' approval-page-mobile' : ''}`} data-testid="approval-instance">
      <div className="page-header">
        <div className="page-title">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => nav('/approvals')}
            aria-label={t('approvals.instance.back')}
          />
          <h2 data-testid="approval-title">{d.flow.name}</h2>
          <StateTag state={d.state} />
        </div>
        {!mobile && <InstanceActions detail={d} mobile={false} />}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        <Space size={12} wrap>
          <span>{t('approvals.instance.submitter', { name: submitter })}</span>
          {started && <span>{formatDatetime(started)}</span>}
          <span>{t('approvals.instance.version', { version: d.flow.version })}</span>
        </Space>
      </Typography.Paragraph>
      {d.can.taskId !== null && (
        <Alert type="info" showIcon title={t('approvals.instance.yourTurn')} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <RecordSummary detail={d} mobile={mobile} />
            <Card size="small" title={t('approvals.path.title')}>
              <PathView
                plan={d.plan}
                people={d.people}
                submitter={submitter}
                tasks={d.tasks.filter((x) => x.round === d.round)}
                done={d.done}
                state={d.state}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('approvals.timeline.title')}>
            <InstanceTimeline detail={d} />
          </Card>
        </Col>
      </Row>
      {mobile && <InstanceActions detail={d} mobile />}
    </div>
  );
}
