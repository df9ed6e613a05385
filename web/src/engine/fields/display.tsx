import { PaperClipOutlined } from '@ant-design/icons';
import { isActiveOption } from '@kehu/common';
import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  formatCompact,
  formatDate,
  formatDatetime,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPhone,
} from '../format.ts';
import type { FieldMeta } from '../metadata.ts';
import { useLabel } from '../metadata.ts';
import { optionOf } from './options.ts';
import { isRestricted, type RelationValue, relationText } from './relation-value.ts';

/** A related record: a link to it, or 「无权查看」 (no link, no id) when the caller may not read it. */
function RefLink({ object, value }: { object?: string; value: RelationValue }) {
  const { t } = useTranslation();
  const text = relationText(value, t);
  if (isRestricted(value))
    return (
      <Typography.Text type="secondary" className="relation-restricted">
        {text}
      </Typography.Text>
    );
  return object ? <Link to={`/o/${object}/${value.id}`}>{text}</Link> : <span>{text}</span>;
}

/** An exact amount (¥2,500,000.00); with `compact`, also how a Chinese reader says it when large (250万). */
function Money({ value, compact }: { value: unknown; compact?: boolean }) {
  const { i18n } = useTranslation();
  const n = Math.abs(Number(value));
  const short = compact && n >= 1e4 ? formatCompact(value, i18n.language) : '';
  return (
    <span className="num">
      {formatMoney(value)}
      {short && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6 }} data-testid="money-compact">
          {`(${short})`}
        </Typography.Text>
      )}
    </span>
  );
}

/**
 * Read-only rendering of one field value, by field type (one Display per type); computed fields by their result
 * type. `compact`: large amounts also in 万/亿 (detail pages).
 */
export function FieldDisplay(props: {
  field: FieldMeta;
  value: unknown;
  object?: string;
  recordId?: number;
  compact?: boolean;
}) {
  const { field: f, value: v } = props;
  const { t } = useTranslation();
  const label = useLabel();
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
    return f.type === 'boolean' ? <span>{t('common.no')}</span> : <Typography.Text type="secondary">-</Typography.Text>;
  }
  const option = (x: unknown): ReactNode => {
    const o = optionOf(f.options, x);
    // Deactivated in the data dictionary (WF-7): still its label, greyed.
    if (o && !isActiveOption(o))
      return (
        <Tag key={String(x)} className="option-inactive" title={t('common.inactive')}>
          {label(o.label)}
        </Tag>
      );
    return (
      <Tag key={String(x)} color={o?.color}>
        {o ? label(o.label) : String(x)}
      </Tag>
    );
  };
  switch (f.type === 'computed' ? (f.resultType ?? 'decimal') : f.type) {
    case 'boolean':
      return <span>{v ? t('common.yes') : t('common.no')}</span>;
    case 'money':
      return <Money value={v} compact={props.compact} />;
    case 'integer':
    case 'decimal':
      return <span className="num">{formatNumber(v)}</span>;
    case 'percent':
      return <span className="num">{formatPercent(v)}</span>;
    case 'date':
      return <span>{formatDate(v)}</span>;
    case 'datetime':
      return <span>{formatDatetime(v)}</span>;
    case 'picklist':
      return option(v);
    case 'multiPicklist':
      return <>{(v as unknown[]).map(option)}</>;
    case 'tags':
      return (
        <>
          {(v as string[]).map((x) => (
            <Tag key={x}>{x}</Tag>
          ))}
        </>
      );
    case 'manyToOne':
    case 'owner':
      return <RefLink object={f.object ?? 'user'} value={v as RelationValue} />;
    case 'manyToMany':
      return (
        <Space size={4} wrap>
          {(v as RelationValue[]).map((r) => (
            <RefLink key={r.id} object={f.object} value={r} />
          ))}
        </Space>
      );
    case 'region':
    case 'address':
      return <span>{(v as { label?: string }).label}</span>;
    case 'email':
      return <a href={`mailto:${v}`}>{String(v)}</a>;
    case 'phone':
      // Stored in E.164, shown as people write it; a masked number (SEC-14) is no number to call.
      return String(v).includes('*') ? (
        <span className="phone">{formatPhone(String(v))}</span>
      ) : (
        <a href={`tel:${v}`} className="phone">
          {formatPhone(String(v))}
        </a>
      );
    case 'url':
      return (
        <a href={String(v)} target="_blank" rel="noreferrer noopener">
          {String(v)}
        </a>
      );
    case 'richText':
      // The server sanitises rich text on write (allow-listed tags only), so it is safe to render.
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side
      return <div className="rich-text" dangerouslySetInnerHTML={{ __html: String(v) }} />;
    case 'longText':
      return <span style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</span>;
    case 'attachments':
      return (
        <Space direction="vertical" size={2}>
          {(v as Array<{ id: number; name: string }>).map((a) => (
            <a
              key={a.id}
              href={
                props.recordId ? `/api/objects/${props.object}/${props.recordId}/files/${a.id}` : `/api/files/${a.id}`
              }
              target="_blank"
              rel="noreferrer"
            >
              <PaperClipOutlined /> {a.name}
            </a>
          ))}
        </Space>
      );
    case 'json':
      return <code>{JSON.stringify(v)}</code>;
    case 'password':
      return <span>••••••</span>;
    default:
      return <span>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</span>;
  }
}
