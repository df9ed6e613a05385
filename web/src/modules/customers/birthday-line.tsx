import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BirthdayItem } from './birthdays-query.ts';

/** One birthday: the day, who, where they work, which calendar, the age they reach. */
export function BirthdayLine({ item, extra }: { item: BirthdayItem; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Space size={[8, 2]} wrap data-testid="birthday-item">
      <Typography.Text strong className="num">
        {item.date.slice(5)}
      </Typography.Text>
      <Link to={`/o/contact/${item.contact.id}`}>{item.contact.name || `#${item.contact.id}`}</Link>
      {item.customer && (
        <Link to={`/o/customer/${item.customer.id}`}>
          <Typography.Text type="secondary">{item.customer.label}</Typography.Text>
        </Link>
      )}
      {item.title && <Typography.Text type="secondary">{item.title}</Typography.Text>}
      {item.kind === 'lunar' ? (
        <Tag color="gold">{t('customers.contacts.lunar', { text: item.lunarBirthday })}</Tag>
      ) : (
        <Tag>{t('customers.contacts.solar')}</Tag>
      )}
      {item.age !== null && <Tag color="blue">{t('customers.contacts.age', { n: item.age })}</Tag>}
      {extra}
    </Space>
  );
}
