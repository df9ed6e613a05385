import { RollbackOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../engine/api.ts';
import type { RecordExtensionProps } from '../../engine/extensions.ts';
import { can } from '../../engine/metadata.ts';
import { useApiError } from '../../engine/use-api-error.ts';

/**
 * Take an expense back to draft (TEAM-6): withdraw its approval, or reopen a rejected one. Handing it in is the record
 * page's 提交审批, which shows the path the claim will take (费用报销 flow).
 */
export default function ExpenseStatusAction({ meta, record, refresh }: RecordExtensionProps) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const status = record.status ?? 'draft';
  const step = status === 'submitted' || status === 'rejected' ? 'withdraw' : null;
  if (!step || !can(meta, 'update')) return null;
  const go = async () => {
    setBusy(true);
    try {
      await api.post(`/api/expenses/${record.id}/${step}`);
      message.success(t(`team.expenses.${step}Done`));
      refresh();
    } catch (e) {
      apiError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<RollbackOutlined />} loading={busy} onClick={go} data-testid={`expense-${step}`}>
      {t(`team.expenses.${step}`)}
    </Button>
  );
}
