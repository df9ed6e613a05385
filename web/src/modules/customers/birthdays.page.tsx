import { GiftOutlined } from '@ant-design/icons';
import { Alert, Card, DatePicker, Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type BirthdayItem, useBirthdays } from './birthdays-query.ts';

/** One birthday: the day, who, where they work, which calendar, the age they reach. */
export function BirthdayLine({ item, extra }: { item: BirthdayItem; extra?: React.ReactNode }) {
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

/** 本月生日 (CUS-10): contacts whose solar or lunar birthday falls in the chosen month. */
export default function BirthdaysPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : dayjs().format('YYYY-MM');
  const q = useBirthdays(month);
  return (
    <div className="page" data-testid="birthdays-page">
      <div className="page-header">
        <h2>
          <GiftOutlined /> {t('customers.contacts.birthdaysOf', { month })}
        </h2>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setParams({ month: d.format('YYYY-MM') })}
          data-testid="birthday-month"
        />
      </div>
      {q.error && <Alert type="error" showIcon title={(q.error as Error).message} style={{ marginBottom: 12 }} />}
      {q.data?.truncated && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('customers.contacts.truncated', { n: q.data.items.length })}
        />
      )}
      <Card size="small" loading={q.isLoading}>
        {q.data && q.data.items.length === 0 ? (
          <Empty description={t('customers.contacts.birthdaysEmpty')} />
        ) : (
          <List
            dataSource={q.data?.items ?? []}
            rowKey={(i) => `${i.contact.id}-${i.kind}`}
            renderItem={(item) => (
              <List.Item>
                <BirthdayLine item={item} />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
