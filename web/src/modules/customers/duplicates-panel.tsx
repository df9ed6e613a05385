import { Alert, List, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../engine/api.ts';
import type { FormExtensionProps } from '../../engine/extensions.ts';
import { formatDate } from '../../engine/format.ts';

type Ref = { id: number; label: string } | null;

interface Candidate {
  id: number | null;
  name: string;
  code?: string | null;
  customer?: Ref;
  owner: Ref;
  ownerSince?: string | null;
  score: number;
  reasons: string[];
  restricted?: true;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const refId = (v: unknown) =>
  typeof v === 'number' ? v : v && typeof v === 'object' && 'id' in v ? (v as { id: number }).id : undefined;

/** What the duplicate check needs from the form, per object (the server's keys); undefined when too little typed. */
function checkBody(object: string, values: Record<string, unknown>, excludeId?: number) {
  const body: Record<string, unknown> =
    object === 'contact'
      ? {
          name: text(values.name),
          mobile: text(values.mobile),
          email: text(values.email),
          customer: refId(values.customer),
        }
      : {
          name: text(values.name),
          phone: text(values.phone),
          email: text(values.email),
          creditCode: text(values.creditCode),
        };
  for (const [k, v] of Object.entries(body)) if (v === '' || v === undefined) delete body[k];
  if (typeof body.name === 'string' && [...body.name].length < 2) delete body.name;
  const keys = Object.keys(body).filter((k) => k !== 'customer');
  if (keys.length === 0) return undefined;
  if (excludeId) body.excludeId = excludeId;
  return body;
}

/**
 * Similar records while a customer or contact is typed (CUS-5): checked ~300 ms after the last key stroke, each
 * with its score and reasons and a link to open it. Records the user may not see show only owner and date.
 */
export function DuplicatesPanel({ meta, values, recordId }: FormExtensionProps) {
  const { t } = useTranslation();
  const [found, setFound] = useState<Candidate[]>([]);
  const seq = useRef(0);
  const body = checkBody(meta.name, values, recordId);
  const key = JSON.stringify(body ?? null);
  useEffect(() => {
    const mine = ++seq.current;
    const parsed = JSON.parse(key) as Record<string, unknown> | null;
    if (!parsed) {
      setFound([]);
      return;
    }
    const path = meta.name === 'contact' ? '/api/contacts/duplicates' : '/api/customers/duplicates';
    const h = setTimeout(() => {
      api
        .post<{ data: Candidate[] }>(path, parsed)
        .then((r) => mine === seq.current && setFound(r.data))
        .catch(() => mine === seq.current && setFound([]));
    }, 300);
    return () => clearTimeout(h);
  }, [key, meta.name]);
  if (found.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      // The panel sits below the form; sticky keeps it in sight while the name at the top is typed.
      style={{
        marginBottom: 16,
        position: 'sticky',
        bottom: 8,
        zIndex: 5,
        boxShadow: '0 4px 16px rgba(0, 0, 0, 0.12)',
      }}
      data-testid="duplicate-warning"
      title={t('customers.merge.duplicatesTitle', { n: found.length })}
      description={
        <>
          <Typography.Text type="secondary">{t('customers.merge.duplicatesHint')}</Typography.Text>
          <List
            size="small"
            dataSource={found}
            renderItem={(c) => (
              <List.Item data-testid="duplicate-candidate">
                <Space wrap size={6}>
                  {c.id !== null ? (
                    <Link to={`/o/${meta.name}/${c.id}`} target="_blank" rel="noreferrer">
                      {c.name}
                    </Link>
                  ) : (
                    <span>{c.name}</span>
                  )}
                  {c.code && <Typography.Text type="secondary">{c.code}</Typography.Text>}
                  {c.customer && <Typography.Text type="secondary">{c.customer.label}</Typography.Text>}
                  <Tag color={c.score >= 0.8 ? 'red' : 'orange'}>
                    {t('customers.merge.score', { score: Math.round(c.score * 100) })}
                  </Tag>
                  {c.reasons.map((r) => (
                    <Tag key={r}>{t(`customers.merge.reason.${r}`, { defaultValue: r })}</Tag>
                  ))}
                  {c.restricted ? (
                    <Typography.Text type="secondary">
                      {t('customers.merge.restricted', {
                        owner: c.owner?.label ?? '-',
                        since: c.ownerSince ? formatDate(c.ownerSince) : '-',
                      })}
                    </Typography.Text>
                  ) : (
                    c.owner && (
                      <Typography.Text type="secondary">
                        {t('customers.merge.owner', { owner: c.owner.label })}
                      </Typography.Text>
                    )
                  )}
                </Space>
              </List.Item>
            )}
          />
        </>
      }
    />
  );
}
