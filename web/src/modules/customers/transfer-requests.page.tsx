import { AuditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../engine/api.ts';
import { formatDatetime } from '../../engine/format.ts';
import { useApiError } from '../../engine/use-api-error.ts';

type Ref = { id: number; label: string } | null;
interface TransferRequest {
  id: number;
  code: string;
  customer: Ref;
  owner: Ref;
  currentOwner: Ref;
  reason: string;
  createdAt: string;
  /** Only the customer's current side (or an administrator) may approve; the requester's managers may reject. */
  canApprove: boolean;
}

/** One request with its comment box and the two decisions. */
function RequestCard({ r, onDecided }: { r: TransferRequest; onDecided(): void }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<string>();
  const decide = async (action: 'approve' | 'reject') => {
    setBusy(action);
    try {
      await api.post(`/api/customers/transfer-requests/${r.id}/${action}`, comment.trim() ? { comment } : {});
      message.success(t(action === 'approve' ? 'customers.ownership.approved' : 'customers.ownership.rejected'));
      onDecided();
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Card size="small" data-testid="transfer-request">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          {r.customer && <Link to={`/o/customer/${r.customer.id}`}>{r.customer.label}</Link>}
          <Typography.Text strong>
            {t('customers.ownership.requestedBy', { who: r.owner?.label ?? '' })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('customers.ownership.currentOwner', { who: r.currentOwner?.label ?? '' })}
          </Typography.Text>
          <Typography.Text type="secondary">{formatDatetime(r.createdAt)}</Typography.Text>
        </Space>
        <Typography.Paragraph style={{ margin: 0 }}>{r.reason}</Typography.Paragraph>
        <Input
          placeholder={t('customers.ownership.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={1000}
        />
        <Space>
          {r.canApprove && (
            <Button type="primary" loading={busy === 'approve'} onClick={() => decide('approve')} data-testid="approve">
              {t('customers.ownership.approve')}
            </Button>
          )}
          <Button danger loading={busy === 'reject'} onClick={() => decide('reject')} data-testid="reject">
            {t('customers.ownership.reject')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

/** 转移申请 (CUS-8): the pending requests this manager (or administrator) may decide. */
export default function TransferRequestsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['records', 'transfer-requests', 'to-decide'],
    queryFn: () =>
      api.get<{ data: TransferRequest[] }>('/api/customers/transfer-requests/to-decide').then((r) => r.data),
  });
  return (
    <div className="page" data-testid="transfer-requests-page">
      <div className="page-header">
        <h2>
          <AuditOutlined /> {t('customers.ownership.requestsTitle')}
        </h2>
      </div>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} />}
      {q.data && q.data.length === 0 && <Empty description={t('customers.ownership.noRequests')} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {q.data?.map((r) => (
          <RequestCard key={r.id} r={r} onDecided={() => void qc.invalidateQueries({ queryKey: ['records'] })} />
        ))}
      </Space>
    </div>
  );
}
