import { InboxOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../engine/api.ts';
import { FieldDisplay } from '../../engine/fields/display.tsx';
import { fieldOf, useLabel, useObject } from '../../engine/metadata.ts';
import { type RecordData, useRecordList } from '../../engine/records.ts';
import { useApiError } from '../../engine/use-api-error.ts';

interface Quota {
  held: number;
  claimedToday: number;
  pools: { id: number; name: string; maxHeld: number | null; maxClaimsPerDay: number | null }[];
}

const columns = ['type', 'industry', 'region', 'lastOwner', 'pool', 'ownerSince'];

/** 公海 (CUS-7): the customers of the pools that serve the user, each with 领取. */
export default function PoolPage() {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { message } = App.useApp();
  const label = useLabel();
  const qc = useQueryClient();
  const { meta } = useObject('customer');
  const [q, setQ] = useState('');
  const list = useRecordList('customer', { filter: { field: 'inPool', op: 'eq', value: true }, q: q || undefined });
  const quota = useQuery({
    queryKey: ['records', 'pool-quota'],
    queryFn: () => api.get<{ data: Quota }>('/api/customers/pool/quota').then((r) => r.data),
  });
  const [claiming, setClaiming] = useState<number>();
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const claim = async (r: RecordData) => {
    setClaiming(r.id);
    try {
      await api.post(`/api/customers/${r.id}/claim`, {});
      message.success(t('customers.ownership.claimed', { name: r.name }));
      await qc.invalidateQueries({ queryKey: ['records'] });
    } catch (e) {
      apiError(e);
    } finally {
      setClaiming(undefined);
    }
  };
  const limit = (n: number | null) => (n === null ? t('customers.ownership.noLimit') : String(n));
  return (
    <div className="page" data-testid="pool-page">
      <div className="page-header">
        <h2>
          <InboxOutlined /> {t('customers.ownership.poolTitle')}
        </h2>
        <Input.Search allowClear onSearch={setQ} style={{ maxWidth: 280 }} data-testid="pool-search" />
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('customers.ownership.poolHint')}
        description={
          quota.data && (
            <Space direction="vertical" size={0} data-testid="pool-quota">
              <span>{t('customers.ownership.quota', { held: quota.data.held, today: quota.data.claimedToday })}</span>
              {quota.data.pools.map((p) => (
                <Typography.Text type="secondary" key={p.id}>
                  {t('customers.ownership.limits', {
                    name: p.name,
                    held: limit(p.maxHeld),
                    daily: limit(p.maxClaimsPerDay),
                  })}
                </Typography.Text>
              ))}
            </Space>
          )
        }
      />
      {list.error && <Alert type="error" showIcon title={(list.error as Error).message} />}
      <Table<RecordData>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('customers.ownership.emptyPool')} /> }}
        columns={[
          {
            key: 'name',
            title: meta ? label(fieldOf(meta, 'name')?.label) : '',
            render: (_, r) => <Link to={`/o/customer/${r.id}`}>{r.name}</Link>,
          },
          ...columns.flatMap((name) => {
            const f = meta && fieldOf(meta, name);
            return f
              ? [
                  {
                    key: name,
                    // For a pool customer "owner since" is when it entered the pool.
                    title: name === 'ownerSince' ? t('customers.ownership.inPoolSince') : label(f.label),
                    render: (_: unknown, r: RecordData) => <FieldDisplay field={f} value={r[name]} />,
                  },
                ]
              : [];
          }),
          {
            key: 'claim',
            title: '',
            render: (_, r) => (
              <Button
                size="small"
                type="primary"
                icon={<UserAddOutlined />}
                loading={claiming === r.id}
                onClick={() => claim(r)}
                data-testid={`claim-${r.id}`}
              >
                {t('customers.ownership.claim')}
              </Button>
            ),
          },
        ]}
      />
      {list.hasNextPage && (
        <Button block style={{ marginTop: 12 }} onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.more')}
        </Button>
      )}
    </div>
  );
}
