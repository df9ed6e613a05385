import { SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListExtensionProps } from '../../engine/extensions.ts';
import { can } from '../../engine/metadata.ts';
import { TransferDialog, type TransferResult, useTransferSummary } from './transfer-dialog.tsx';

/** 批量转移 above the customer list: the ticked customers to a new owner (CUS-7). */
export default function TransferAction({ meta, selected, refresh }: ListExtensionProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const summary = useTransferSummary();
  const [open, setOpen] = useState(false);
  if (!can(meta, 'assign')) return null;
  const done = (r: TransferResult) => {
    setOpen(false);
    message.success(summary(r));
    refresh();
    void qc.invalidateQueries({ queryKey: ['records'] });
  };
  return (
    <>
      <Button
        icon={<SwapOutlined />}
        onClick={() => (selected.length ? setOpen(true) : message.info(t('customers.ownership.transferHint')))}
        data-testid="bulk-transfer"
      >
        {t('customers.ownership.transferSelected')}
        {selected.length > 0 ? ` (${selected.length})` : ''}
      </Button>
      {open && <TransferDialog ids={selected} onClose={() => setOpen(false)} onDone={done} />}
    </>
  );
}
