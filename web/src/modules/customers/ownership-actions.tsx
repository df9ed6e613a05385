import { InboxOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { api } from '../../engine/api.ts';
import type { RecordExtensionProps } from '../../engine/extensions.ts';
import { can, recordTitle } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';
import { TransferDialog, type TransferResult, useTransferSummary } from './transfer-dialog.tsx';

/** On a customer: 领取 (in the pool), 退回公海 (one's own), 转移 (with the right to assign) — CUS-7. */
export default function OwnershipActions({ meta, record, refresh }: RecordExtensionProps) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { message } = App.useApp();
  const { me } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const summary = useTransferSummary();
  const [transferring, setTransferring] = useState(false);
  const name = recordTitle(meta, record);
  const call = async (path: string, done: () => void) => {
    try {
      await api.post(path, {});
      done();
      void qc.invalidateQueries({ queryKey: ['records'] });
    } catch (e) {
      apiError(e);
    }
  };
  const mine = record.owner?.id !== undefined && record.owner.id === me?.user.id;
  return (
    <>
      {record.inPool && (
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          data-testid="claim-customer"
          onClick={() =>
            call(`/api/customers/${record.id}/claim`, () => {
              message.success(t('customers.ownership.claimed', { name }));
              refresh();
            })
          }
        >
          {t('customers.ownership.claim')}
        </Button>
      )}
      {!record.inPool && mine && can(meta, 'update') && (
        <Popconfirm
          title={t('customers.ownership.releaseConfirm', { name })}
          okText={t('common.yes')}
          cancelText={t('common.no')}
          onConfirm={() =>
            call(`/api/customers/${record.id}/release`, () => {
              message.success(t('customers.ownership.released'));
              navigate('/customers/pool');
            })
          }
        >
          <Button icon={<InboxOutlined />} data-testid="release-customer">
            {t('customers.ownership.release')}
          </Button>
        </Popconfirm>
      )}
      {can(meta, 'assign') && (
        <Button icon={<SwapOutlined />} onClick={() => setTransferring(true)} data-testid="transfer-customer">
          {t('customers.ownership.transfer')}
        </Button>
      )}
      {transferring && (
        <TransferDialog
          ids={[record.id]}
          onClose={() => setTransferring(false)}
          onDone={(r: TransferResult) => {
            setTransferring(false);
            message.success(summary(r));
            refresh();
          }}
        />
      )}
    </>
  );
}
