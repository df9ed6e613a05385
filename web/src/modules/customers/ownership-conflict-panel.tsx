import { Alert, App, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../engine/api.ts';
import type { FormExtensionProps } from '../../engine/extensions.ts';
import { TransferRequestDialog } from './transfer-request-dialog.tsx';

interface Conflict {
  customer: number;
  inPool: boolean;
  owner?: string;
  since?: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const refId = (v: unknown) => (v && typeof v === 'object' && 'id' in v ? (v as { id: number }).id : undefined);

/**
 * 撞单 while a customer is typed (CUS-8): if saving would be refused because a colleague owns the customer, say
 * who and since when, and offer 申请转移; a customer waiting in the pool is claimed there instead.
 */
export default function OwnershipConflictPanel({ values, recordId }: FormExtensionProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [asking, setAsking] = useState(false);
  const seq = useRef(0);
  const body = { name: text(values.name), creditCode: text(values.creditCode), owner: refId(values.owner) };
  const key = JSON.stringify(body);
  useEffect(() => {
    const mine = ++seq.current;
    const b = JSON.parse(key) as typeof body;
    if ([...b.name].length < 2 && b.creditCode.length !== 18) {
      setConflict(null);
      return;
    }
    const h = setTimeout(() => {
      api
        .post<{ data: Conflict | null }>('/api/customers/ownership-check', {
          ...(b.name ? { name: b.name } : {}),
          ...(b.creditCode ? { creditCode: b.creditCode } : {}),
          ...(b.owner ? { owner: b.owner } : {}),
          ...(recordId ? { excludeId: recordId } : {}),
        })
        .then((r) => mine === seq.current && setConflict(r.data))
        .catch(() => mine === seq.current && setConflict(null));
    }, 300);
    return () => clearTimeout(h);
  }, [key, recordId]);
  if (!conflict) return null;
  if (conflict.inPool)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="ownership-conflict"
        title={t('customers.ownership.conflictInPool')}
        action={<Link to="/customers/pool">{t('customers.ownership.goToPool')}</Link>}
      />
    );
  return (
    <>
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="ownership-conflict"
        title={t('customers.ownership.conflict', { owner: conflict.owner, since: conflict.since })}
        action={
          <Button size="small" onClick={() => setAsking(true)} data-testid="request-transfer">
            {t('customers.ownership.requestTransfer')}
          </Button>
        }
      />
      {asking && (
        <TransferRequestDialog
          customer={conflict.customer}
          onClose={() => setAsking(false)}
          onSent={() => {
            setAsking(false);
            message.success(t('customers.ownership.requestSent'));
          }}
        />
      )}
    </>
  );
}
