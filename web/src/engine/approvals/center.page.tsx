import { Badge, Card, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type Box, boxes } from './approvals-api.ts';
import { useApprovalCounts } from './counts-api.ts';
import { InboxList } from './inbox-list.tsx';
import './approvals.css';

/** The approval center (WF-4): 待我审批, 我已审批, 我发起的, 抄送我的 — the box is in the link. */
export default function ApprovalCenterPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const counts = useApprovalCounts().data;
  const box = (boxes as string[]).includes(params.get('box') ?? '') ? (params.get('box') as Box) : 'todo';
  const count: Partial<Record<Box, number>> = { todo: counts?.todo, mine: counts?.mine, cc: counts?.cc };
  return (
    <div className="page" data-testid="approval-center">
      <div className="page-header">
        <h2>{t('approvals.title')}</h2>
      </div>
      <Card size="small">
        <Tabs
          activeKey={box}
          onChange={(k) => setParams({ box: k }, { replace: true })}
          items={boxes.map((b) => ({
            key: b,
            label: (
              <Space size={4} data-testid={`box-${b}`}>
                {t(`approvals.box.${b}`)}
                {!!count[b] && <Badge count={count[b]} size="small" color={b === 'todo' ? '#ff4d4f' : '#1677ff'} />}
              </Space>
            ),
            children: <InboxList box={b} />,
          }))}
        />
      </Card>
    </div>
  );
}
