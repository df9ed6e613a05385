import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../app/loading.tsx';
import { useIsMobile } from '../../app/use-mobile.ts';
import { ApiError, api } from '../api.ts';
import { useApprovalLock } from '../approvals/record-lock.ts';
import { HistoryTab, RecordTimeline } from '../detail/history-tab.tsx';
import { RelatedList } from '../detail/related-list.tsx';
import { preloadRecordActions, recordActions, recordTabs } from '../extensions.ts';
import { FieldDisplay } from '../fields/display.tsx';
import { applyLayout, useLayout } from '../layouts.ts';
import { can, isVisible, recordTitle, systemFields, useLabel, useObject } from '../metadata.ts';
import { useRecord } from '../records.ts';
import { useApiError } from '../use-api-error.ts';
import { useScrollTop } from './scroll-top.ts';

// Approvals of any object (WF-2, WF-4): 提交审批 in the header, the state of a running approval above the fields.
const approval = () => import('../approvals/record-approval.tsx');
const ApprovalAction = lazy(() => approval().then((m) => ({ default: m.ApprovalAction })));
const ApprovalBar = lazy(() => approval().then((m) => ({ default: m.ApprovalBar })));

/**
 * The detail page of any record: fields, related lists, timeline and history with restore. The open tab is in the
 * link (`?tab=rel-contacts`), so coming back from a record created in a related list shows that list again.
 */
export default function DetailPage() {
  const { object = '', id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation();
  const apiError = useApiError();
  const label = useLabel();
  const nav = useNavigate();
  const qc = useQueryClient();
  const mobile = useIsMobile();
  const { message, modal } = App.useApp();
  const { meta, loading } = useObject(object);
  const record = useRecord(object, id);
  const layout = useLayout(object, 'detail');
  // A record in approval is the flow's: its edit and delete buttons do not invite changes the server refuses.
  const lock = useApprovalLock(object, id);
  useScrollTop(`${object}/${id}`);
  // The header's actions (赢单, 转移…) load beside the record and appear with it, not seconds after it.
  const actions = useQuery({
    queryKey: ['record-actions', object],
    queryFn: () => preloadRecordActions(object).then(() => true),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (loading || record.isLoading || actions.isLoading) return <Loading />;
  if (!meta || !record.data)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ margin: 16 }}
        title={record.error instanceof ApiError ? record.error.message : t('error.notFound')}
        data-testid="record-not-found"
        action={<Link to={`/o/${object}`}>{t('detail.backToList')}</Link>}
      />
    );
  const r = record.data;
  const shown = meta.fields.filter(
    (f) =>
      f.type !== 'oneToMany' && f.type !== 'password' && !systemFields.has(f.name) && !f.internal && isVisible(f, r),
  );
  const fields = applyLayout(shown, layout.data);
  const system = meta.fields.filter((f) => systemFields.has(f.name) && f.name !== 'id');
  const related = meta.fields.filter((f) => f.type === 'oneToMany');
  // A module's action may change related records of other objects too.
  const refresh = () => void qc.invalidateQueries({ queryKey: ['records'] });
  const ext = { meta, record: r, refresh };
  const remove = () =>
    modal.confirm({
      title: t('detail.deleteConfirm', { name: recordTitle(meta, r) }),
      content: t('detail.deleteHint'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete' } as never,
      onOk: async () => {
        try {
          await api.del(`/api/objects/${object}/${id}?version=${r.version}`);
          message.success(t('detail.deleted'));
          await qc.invalidateQueries({ queryKey: ['records', object] });
          nav(`/o/${object}`);
        } catch (e) {
          apiError(e);
        }
      },
    });
  const details = (
    <Descriptions column={mobile ? 1 : 2} size="small" bordered data-testid="record-fields">
      {fields.map((f) => (
        <Descriptions.Item
          key={f.name}
          label={label(f.label, f.name)}
          span={['richText', 'longText', 'address'].includes(f.type) ? 2 : 1}
        >
          <FieldDisplay field={f} value={r[f.name]} object={object} recordId={r.id} compact />
        </Descriptions.Item>
      ))}
      {system.map((f) => (
        <Descriptions.Item key={f.name} label={label(f.label, f.name)}>
          <FieldDisplay field={f} value={r[f.name]} />
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
  const tabs = [
    { key: 'fields', label: t('detail.fields'), children: details },
    ...related.map((f) => ({
      key: `rel-${f.name}`,
      label: label(f.label, f.name),
      children: <RelatedList object={object} id={r.id} field={f} returnTo={`/o/${object}/${r.id}?tab=rel-${f.name}`} />,
    })),
    ...recordTabs(object).map(({ key, labelKey, Component }) => ({
      key: `ext-${key}`,
      label: t(labelKey),
      children: (
        <Suspense fallback={<Loading />}>
          <Component {...ext} />
        </Suspense>
      ),
    })),
    ...(mobile
      ? [{ key: 'timeline', label: t('detail.timeline'), children: <RecordTimeline meta={meta} id={r.id} /> }]
      : []),
    { key: 'history', label: t('detail.history'), children: <HistoryTab meta={meta} id={r.id} current={r.version} /> },
  ];
  return (
    <div className="page">
      <div className="page-header">
        <Space>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => nav(`/o/${object}`)}
            aria-label={t('detail.backToList')}
          />
          <h2 data-testid="record-title">{recordTitle(meta, r)}</h2>
        </Space>
        <Space wrap>
          {/* One boundary per action: a module whose code is still loading does not hold back the others. */}
          {recordActions(object).map(({ key, Component }) => (
            <Suspense key={key} fallback={null}>
              <Component {...ext} />
            </Suspense>
          ))}
          <Suspense fallback={null}>
            <ApprovalAction {...ext} />
          </Suspense>
          {can(meta, 'update') && !meta.readOnly && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => nav(`/o/${object}/${id}/edit`)}
              disabled={lock.locked}
              title={lock.locked ? t('approvals.record.locked') : undefined}
              data-testid="edit-record"
            >
              {t('common.edit')}
            </Button>
          )}
          {can(meta, 'delete') && !meta.readOnly && (
            <Button
              danger
              icon={<DeleteOutlined />}
              onClick={remove}
              disabled={lock.locked}
              title={lock.locked ? t('approvals.record.locked') : undefined}
              data-testid="delete-record"
            >
              {t('common.delete')}
            </Button>
          )}
        </Space>
      </div>
      <Suspense fallback={null}>
        <ApprovalBar {...ext} />
      </Suspense>
      <Row gutter={16}>
        <Col xs={24} lg={17}>
          <Card size="small">
            <Tabs
              items={tabs}
              activeKey={tabs.some((x) => x.key === params.get('tab')) ? params.get('tab')! : 'fields'}
              onChange={(tab) =>
                setParams(
                  (p) => {
                    if (tab === 'fields') p.delete('tab');
                    else p.set('tab', tab);
                    return p;
                  },
                  { replace: true },
                )
              }
            />
          </Card>
        </Col>
        {!mobile && (
          <Col lg={7}>
            <Card size="small" title={t('detail.timeline')}>
              <RecordTimeline meta={meta} id={r.id} />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
